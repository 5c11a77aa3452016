import { MigrationInterface, QueryRunner } from "typeorm";

export class WebForms1796218658815 implements MigrationInterface {
    name = 'WebForms1796218658815'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "web_forms" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "archived_at" TIMESTAMP(3) WITH TIME ZONE,
                "name" text NOT NULL,
                "public_key" text NOT NULL,
                "fields" jsonb NOT NULL,
                "source_id" uuid NOT NULL,
                "assignment_rule_id" uuid,
                "allowed_origins" text array NOT NULL DEFAULT '{}',
                "redirect_url" text,
                "thank_you_message" text,
                "active" boolean NOT NULL DEFAULT true,
                "version" integer NOT NULL,
                CONSTRAINT "PK_34275afb2fc590669f4fdc978eb" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "web_forms_public_key_key" ON "web_forms" ("public_key")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "web_forms_workspace_name_key" ON "web_forms" ("workspace_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "rate_limit_buckets" (
                "key" text NOT NULL,
                "tokens" double precision NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_9eb2f8a2ae370667b4ca83dd313" PRIMARY KEY ("key")
            )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TABLE "rate_limit_buckets"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."web_forms_workspace_name_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."web_forms_public_key_key"
        `);
        await queryRunner.query(`
            DROP TABLE "web_forms"
        `);
    }

}
