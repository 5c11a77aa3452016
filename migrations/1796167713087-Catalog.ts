import { MigrationInterface, QueryRunner } from "typeorm";

export class Catalog1796167713087 implements MigrationInterface {
    name = 'Catalog1796167713087'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "product_categories" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "archived_at" TIMESTAMP(3) WITH TIME ZONE,
                "name" text NOT NULL,
                "parent_id" uuid,
                CONSTRAINT "PK_7069dac60d88408eca56fdc9e0c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "product_categories_workspace_parent_idx" ON "product_categories" ("workspace_id", "parent_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "product_categories_workspace_name_key" ON "product_categories" ("workspace_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "products" (
                "version" integer NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "archived_at" TIMESTAMP(3) WITH TIME ZONE,
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "sku" text NOT NULL,
                "name" text NOT NULL,
                "description" text,
                "unit_price" numeric NOT NULL,
                "currency" character varying(3) NOT NULL,
                "tax_rate" numeric NOT NULL,
                "unit_of_measure" text NOT NULL,
                "category_id" uuid,
                "active" boolean NOT NULL DEFAULT true,
                "external_id" text,
                "created_by_member_id" uuid,
                "created_by_api_key_id" uuid,
                "updated_by_member_id" uuid,
                "updated_by_api_key_id" uuid,
                "archived_by_member_id" uuid,
                "archived_by_api_key_id" uuid,
                CONSTRAINT "PK_0806c755e0aca124e67c0cf6d7d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "products_workspace_category_idx" ON "products" ("workspace_id", "category_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "products_workspace_name_idx" ON "products" ("workspace_id", "name", "id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "products_workspace_external_id_key" ON "products" ("workspace_id", "external_id")
            WHERE external_id IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "products_workspace_sku_key" ON "products" ("workspace_id", "sku")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."products_workspace_sku_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."products_workspace_external_id_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."products_workspace_name_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."products_workspace_category_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "products"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."product_categories_workspace_name_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."product_categories_workspace_parent_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "product_categories"
        `);
    }

}
