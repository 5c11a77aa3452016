import { MigrationInterface, QueryRunner } from "typeorm";

export class Leads1796184684114 implements MigrationInterface {
    name = 'Leads1796184684114'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "lead_sources" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "archived_at" TIMESTAMP(3) WITH TIME ZONE,
                "name" text NOT NULL,
                "code" character varying(32),
                CONSTRAINT "PK_bc885a4409ec70ee5a810dbbd6f" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "lead_sources_workspace_code_key" ON "lead_sources" ("workspace_id", "code")
            WHERE code IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "lead_sources_workspace_name_key" ON "lead_sources" ("workspace_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "lead_close_reasons" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "archived_at" TIMESTAMP(3) WITH TIME ZONE,
                "name" text NOT NULL,
                CONSTRAINT "PK_f29c34b19452f884e57df9fa06c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "lead_close_reasons_workspace_name_key" ON "lead_close_reasons" ("workspace_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "leads" (
                "version" integer NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "archived_at" TIMESTAMP(3) WITH TIME ZONE,
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "title" text NOT NULL,
                "company_name" text,
                "person_name" text,
                "emails" text array NOT NULL DEFAULT '{}',
                "phones" text array NOT NULL DEFAULT '{}',
                "website" text,
                "source_id" uuid NOT NULL,
                "source_details" jsonb,
                "status" character varying(16) NOT NULL DEFAULT 'NEW',
                "close_result" character varying(16),
                "close_reason_id" uuid,
                "close_note" text,
                "closed_at" TIMESTAMP(3) WITH TIME ZONE,
                "assignee_membership_id" uuid,
                "assigned_at" TIMESTAMP(3) WITH TIME ZONE,
                "team_id" uuid,
                "expected_value" numeric,
                "currency" character varying(3),
                "notes" text,
                "external_id" text,
                "converted_at" TIMESTAMP(3) WITH TIME ZONE,
                "converted_by_membership_id" uuid,
                "search_text" text NOT NULL DEFAULT '',
                "created_by_member_id" uuid,
                "created_by_api_key_id" uuid,
                "updated_by_member_id" uuid,
                "updated_by_api_key_id" uuid,
                "archived_by_member_id" uuid,
                "archived_by_api_key_id" uuid,
                CONSTRAINT "PK_cd102ed7a9a4ca7d4d8bfeba406" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "leads_workspace_status_idx" ON "leads" ("workspace_id", "status", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "leads_workspace_team_idx" ON "leads" ("workspace_id", "team_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "leads_workspace_assignee_idx" ON "leads" (
                "workspace_id",
                "assignee_membership_id",
                "created_at"
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "leads_workspace_updated_idx" ON "leads" ("workspace_id", "updated_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "leads_workspace_created_idx" ON "leads" ("workspace_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "leads_workspace_external_id_key" ON "leads" ("workspace_id", "external_id")
            WHERE external_id IS NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "leads"
            ADD CONSTRAINT "FK_3841680163f11774ec3dbff1941" FOREIGN KEY ("source_id") REFERENCES "lead_sources"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "leads"
            ADD CONSTRAINT "FK_e560f42e6f6d6f1a5d055038303" FOREIGN KEY ("close_reason_id") REFERENCES "lead_close_reasons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "leads"
            ADD CONSTRAINT "FK_007a38c772c63d032485d629080" FOREIGN KEY ("assignee_membership_id") REFERENCES "memberships"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "leads"
            ADD CONSTRAINT "FK_5a5cc256cdc4840fb2be90e7355" FOREIGN KEY ("converted_by_membership_id") REFERENCES "memberships"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        // By hand: the trigram index search uses (pg_trgm and btree_gin come from the Accounts migration).
        await queryRunner.query(`CREATE INDEX "leads_search_trgm_idx" ON "leads" USING gin ("workspace_id", "search_text" gin_trgm_ops)`);
        // By hand: the lead sources every workspace starts with (new workspaces get them at sign-up).
        await queryRunner.query(`
            INSERT INTO "lead_sources" ("workspace_id", "name", "code")
            SELECT w.id, v.name, v.code FROM "workspaces" w
             CROSS JOIN (VALUES ('Manual', 'MANUAL'), ('Import', 'IMPORT'), ('Web form', 'WEB_FORM'), ('Email', 'EMAIL'), ('Call', 'CALL'),
                                ('Mailing', 'MAILING'), ('API', 'API'), ('Referral', 'REFERRAL')) AS v(name, code)
            ON CONFLICT DO NOTHING
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX IF EXISTS "leads_search_trgm_idx"`);
        await queryRunner.query(`
            ALTER TABLE "leads" DROP CONSTRAINT "FK_5a5cc256cdc4840fb2be90e7355"
        `);
        await queryRunner.query(`
            ALTER TABLE "leads" DROP CONSTRAINT "FK_007a38c772c63d032485d629080"
        `);
        await queryRunner.query(`
            ALTER TABLE "leads" DROP CONSTRAINT "FK_e560f42e6f6d6f1a5d055038303"
        `);
        await queryRunner.query(`
            ALTER TABLE "leads" DROP CONSTRAINT "FK_3841680163f11774ec3dbff1941"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."leads_workspace_external_id_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."leads_workspace_created_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."leads_workspace_updated_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."leads_workspace_assignee_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."leads_workspace_team_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."leads_workspace_status_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "leads"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."lead_close_reasons_workspace_name_key"
        `);
        await queryRunner.query(`
            DROP TABLE "lead_close_reasons"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."lead_sources_workspace_name_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."lead_sources_workspace_code_key"
        `);
        await queryRunner.query(`
            DROP TABLE "lead_sources"
        `);
    }

}
