import { MigrationInterface, QueryRunner } from "typeorm";

export class Deals1796183619765 implements MigrationInterface {
    name = 'Deals1796183619765'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "deals" (
                "version" integer NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "archived_at" TIMESTAMP(3) WITH TIME ZONE,
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "title" text NOT NULL,
                "account_id" uuid NOT NULL,
                "contact_ids" uuid array NOT NULL DEFAULT '{}',
                "pipeline_id" uuid NOT NULL,
                "stage_id" uuid NOT NULL,
                "stage_entered_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "owner_membership_id" uuid,
                "currency" character varying(3) NOT NULL,
                "manual_amount" numeric,
                "amount" numeric,
                "line_count" integer NOT NULL DEFAULT '0',
                "subtotal" numeric NOT NULL DEFAULT '0',
                "discount_total" numeric NOT NULL DEFAULT '0',
                "tax_total" numeric NOT NULL DEFAULT '0',
                "lines_total" numeric NOT NULL DEFAULT '0',
                "expected_close_date" date,
                "status" character varying(8) NOT NULL,
                "won_at" TIMESTAMP(3) WITH TIME ZONE,
                "lost_at" TIMESTAMP(3) WITH TIME ZONE,
                "lost_reason_id" uuid,
                "lost_note" text,
                "source_lead_id" uuid,
                "external_id" text,
                "search_text" text NOT NULL DEFAULT '',
                "created_by_member_id" uuid,
                "created_by_api_key_id" uuid,
                "updated_by_member_id" uuid,
                "updated_by_api_key_id" uuid,
                "archived_by_member_id" uuid,
                "archived_by_api_key_id" uuid,
                CONSTRAINT "PK_8c66f03b250f613ff8615940b4b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "deals_workspace_title_idx" ON "deals" ("workspace_id", "title", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "deals_workspace_created_idx" ON "deals" ("workspace_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "deals_workspace_stage_idx" ON "deals" ("workspace_id", "pipeline_id", "stage_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "deals_workspace_account_idx" ON "deals" ("workspace_id", "account_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "deals_workspace_external_id_key" ON "deals" ("workspace_id", "external_id")
            WHERE external_id IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "deal_lines" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "deal_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "product_id" uuid,
                "name" text NOT NULL,
                "description" text,
                "unit_of_measure" text NOT NULL,
                "quantity" numeric NOT NULL,
                "unit_price" numeric NOT NULL,
                "discount_percent" numeric NOT NULL,
                "tax_rate" numeric NOT NULL,
                "subtotal" numeric NOT NULL,
                "discount_amount" numeric NOT NULL,
                "tax_amount" numeric NOT NULL,
                "total" numeric NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a82fdd54ea7fd999418b64e0dd7" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "deal_lines_workspace_product_idx" ON "deal_lines" ("workspace_id", "product_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "deal_lines_workspace_deal_idx" ON "deal_lines" ("workspace_id", "deal_id", "position")
        `);
        await queryRunner.query(`
            CREATE TABLE "deal_stage_changes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "deal_id" uuid NOT NULL,
                "from_stage_id" uuid NOT NULL,
                "to_stage_id" uuid NOT NULL,
                "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "seconds_in_from_stage" integer NOT NULL,
                "actor_member_id" uuid,
                "actor_api_key_id" uuid,
                CONSTRAINT "PK_3855a011aeaeeae603dc32d9dd7" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "deal_stage_changes_workspace_deal_idx" ON "deal_stage_changes" ("workspace_id", "deal_id", "occurred_at", "id")
        `);
        await queryRunner.query(`
            ALTER TABLE "deal_lines"
            ADD CONSTRAINT "FK_4ba91e077a65f202a30ab77ef04" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "deal_stage_changes"
            ADD CONSTRAINT "FK_f4309c9ca5c0ac28d2b7072c5a4" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        // Search: trigram index over the folded title and externalId (declared with synchronize: false on the entity).
        await queryRunner.query(`CREATE INDEX "deals_search_trgm_idx" ON "deals" USING gin ("workspace_id", "search_text" gin_trgm_ops)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX IF EXISTS "deals_search_trgm_idx"`);
        await queryRunner.query(`
            ALTER TABLE "deal_stage_changes" DROP CONSTRAINT "FK_f4309c9ca5c0ac28d2b7072c5a4"
        `);
        await queryRunner.query(`
            ALTER TABLE "deal_lines" DROP CONSTRAINT "FK_4ba91e077a65f202a30ab77ef04"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."deal_stage_changes_workspace_deal_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "deal_stage_changes"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."deal_lines_workspace_deal_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."deal_lines_workspace_product_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "deal_lines"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."deals_workspace_external_id_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."deals_workspace_account_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."deals_workspace_stage_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."deals_workspace_created_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."deals_workspace_title_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "deals"
        `);
    }

}
