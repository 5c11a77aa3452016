import { MigrationInterface, QueryRunner } from "typeorm";

export class LeadImports1796218929228 implements MigrationInterface {
    name = 'LeadImports1796218929228'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "lead_import_files" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "file_name" text NOT NULL,
                "size_bytes" bigint NOT NULL,
                "chunk_count" integer NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_e560dfe1dd05c200b85e895fff1" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "lead_import_file_chunks" (
                "file_id" uuid NOT NULL,
                "seq" integer NOT NULL,
                "workspace_id" uuid NOT NULL,
                "data" bytea NOT NULL,
                CONSTRAINT "PK_5c82345922bf368345e18d01e1a" PRIMARY KEY ("file_id", "seq")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "lead_imports" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "file_id" uuid NOT NULL,
                "file_name" text NOT NULL,
                "format" text NOT NULL,
                "encoding" text,
                "delimiter" text,
                "columns" text array NOT NULL,
                "duplicate_policy" text NOT NULL,
                "options" jsonb NOT NULL,
                "importer" jsonb NOT NULL,
                "created_by_member_id" uuid,
                "created_by_api_key_id" uuid,
                "status" text NOT NULL,
                "rows_total" integer,
                "rows_read" integer NOT NULL DEFAULT '0',
                "created_count" integer NOT NULL DEFAULT '0',
                "updated_count" integer NOT NULL DEFAULT '0',
                "skipped_count" integer NOT NULL DEFAULT '0',
                "failed_count" integer NOT NULL DEFAULT '0',
                "error" text,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "started_at" TIMESTAMP(3) WITH TIME ZONE,
                "finished_at" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "PK_3a02aee77d4f7ce4422b215096e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "lead_imports_workspace_created_idx" ON "lead_imports" ("workspace_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "lead_import_rows" (
                "import_id" uuid NOT NULL,
                "row_number" integer NOT NULL,
                "workspace_id" uuid NOT NULL,
                "outcome" text NOT NULL,
                "message" text,
                "lead_id" uuid,
                CONSTRAINT "PK_46acfc289a02db0f826e96fc508" PRIMARY KEY ("import_id", "row_number")
            )
        `);
        // Imports look up duplicates of thousands of rows per statement by shared email or phone (array overlap), which
        // the (workspace_id, emails / phones) GIN indexes of the InboundMessages migration answer without a scan per
        // row. fastupdate off: with GIN's pending list, every look-up re-read the list of recent inserts (4 s per
        // batch in a 100k-row import).
        await queryRunner.query(`ALTER INDEX "leads_emails_gin_idx" SET (fastupdate = off)`);
        await queryRunner.query(`ALTER INDEX "leads_phones_gin_idx" SET (fastupdate = off)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER INDEX "leads_phones_gin_idx" RESET (fastupdate)`);
        await queryRunner.query(`ALTER INDEX "leads_emails_gin_idx" RESET (fastupdate)`);
        await queryRunner.query(`
            DROP TABLE "lead_import_rows"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."lead_imports_workspace_created_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "lead_imports"
        `);
        await queryRunner.query(`
            DROP TABLE "lead_import_file_chunks"
        `);
        await queryRunner.query(`
            DROP TABLE "lead_import_files"
        `);
    }

}
