import { MigrationInterface, QueryRunner } from "typeorm";

export class Accounts1795421880616 implements MigrationInterface {
    name = 'Accounts1795421880616'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Trusted extensions (PostgreSQL 13+): a database owner may create them without superuser rights.
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
        await queryRunner.query(`
            CREATE TABLE "accounts" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "name" text NOT NULL,
                "legal_name" text,
                "tax_id" text,
                "type" character varying(16) NOT NULL,
                "emails" text array NOT NULL DEFAULT '{}',
                "phones" text array NOT NULL DEFAULT '{}',
                "website" text,
                "industry" text,
                "billing_address" jsonb,
                "shipping_address" jsonb,
                "notes" text,
                "external_id" text,
                "search_text" text NOT NULL DEFAULT '',
                "version" integer NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "archived_at" TIMESTAMP(3) WITH TIME ZONE,
                "created_by_member_id" uuid,
                "created_by_api_key_id" uuid,
                "updated_by_member_id" uuid,
                "updated_by_api_key_id" uuid,
                "archived_by_member_id" uuid,
                "archived_by_api_key_id" uuid,
                CONSTRAINT "PK_5a7a02c20412299d198e097a8fe" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "accounts_workspace_tax_id_idx" ON "accounts" ("workspace_id", "tax_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "accounts_workspace_updated_idx" ON "accounts" ("workspace_id", "updated_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "accounts_workspace_created_idx" ON "accounts" ("workspace_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "accounts_workspace_name_idx" ON "accounts" ("workspace_id", "name", "id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "accounts_workspace_external_id_key" ON "accounts" ("workspace_id", "external_id")
            WHERE external_id IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "account_owners" (
                "account_id" uuid NOT NULL,
                "membership_id" uuid NOT NULL,
                "workspace_id" uuid NOT NULL,
                "is_primary" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_b4a9a6a53dd47d4efd1dfa01ac9" PRIMARY KEY ("account_id", "membership_id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "account_owners_one_primary_key" ON "account_owners" ("account_id")
            WHERE is_primary
        `);
        await queryRunner.query(`
            CREATE INDEX "account_owners_workspace_member_idx" ON "account_owners" ("workspace_id", "membership_id", "account_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "characteristic_definitions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "name" text NOT NULL,
                "data_type" character varying(16) NOT NULL,
                "options" text array NOT NULL DEFAULT '{}',
                "required" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "archived_at" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "PK_28065a0301667f6fb5851e887b6" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "characteristic_definitions_workspace_name_key" ON "characteristic_definitions" ("workspace_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "account_characteristics" (
                "account_id" uuid NOT NULL,
                "definition_id" uuid NOT NULL,
                "workspace_id" uuid NOT NULL,
                "text_value" text,
                "number_value" numeric,
                "date_value" date,
                "boolean_value" boolean,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_4137f2706d43b5a613ced7893c8" PRIMARY KEY ("account_id", "definition_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "account_characteristics_workspace_definition_idx" ON "account_characteristics" ("workspace_id", "definition_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "contacts" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "account_id" uuid,
                "first_name" text NOT NULL,
                "last_name" text NOT NULL DEFAULT '',
                "position" text,
                "emails" text array NOT NULL DEFAULT '{}',
                "phones" text array NOT NULL DEFAULT '{}',
                "notes" text,
                "owner_membership_id" uuid,
                "external_id" text,
                "search_text" text NOT NULL DEFAULT '',
                "version" integer NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "archived_at" TIMESTAMP(3) WITH TIME ZONE,
                "created_by_member_id" uuid,
                "created_by_api_key_id" uuid,
                "updated_by_member_id" uuid,
                "updated_by_api_key_id" uuid,
                "archived_by_member_id" uuid,
                "archived_by_api_key_id" uuid,
                CONSTRAINT "PK_b99cd40cfd66a99f1571f4f72e6" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "contacts_workspace_created_idx" ON "contacts" ("workspace_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "contacts_workspace_name_idx" ON "contacts" ("workspace_id", "last_name", "first_name", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "contacts_workspace_account_idx" ON "contacts" ("workspace_id", "account_id", "id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "contacts_workspace_external_id_key" ON "contacts" ("workspace_id", "external_id")
            WHERE external_id IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "interest_areas" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "name" text NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "archived_at" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "PK_64ecbbc4bd7fbbdea498aa3d30d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "interest_areas_workspace_name_key" ON "interest_areas" ("workspace_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "account_interests" (
                "account_id" uuid NOT NULL,
                "area_id" uuid NOT NULL,
                "workspace_id" uuid NOT NULL,
                "kind" character varying(16) NOT NULL,
                "note" text,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_04042120bcb2e281dd485fe33a7" PRIMARY KEY ("account_id", "area_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "account_interests_workspace_area_idx" ON "account_interests" ("workspace_id", "area_id", "kind")
        `);
        await queryRunner.query(`
            CREATE TABLE "relationship_types" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "name" text NOT NULL,
                "inverse_name" text,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "archived_at" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "PK_ea5ddbd350c8380485eefee276e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "relationship_types_workspace_name_key" ON "relationship_types" ("workspace_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "account_relationships" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "from_account_id" uuid NOT NULL,
                "to_account_id" uuid NOT NULL,
                "type_id" uuid NOT NULL,
                "reason" text,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d00535d42298816f656de189901" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "account_relationships_to_idx" ON "account_relationships" ("workspace_id", "to_account_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "account_relationships_link_key" ON "account_relationships" (
                "workspace_id",
                "from_account_id",
                "to_account_id",
                "type_id"
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "timeline_entries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "kind" character varying(64) NOT NULL,
                "record_type" character varying(32) NOT NULL,
                "record_id" uuid NOT NULL,
                "account_id" uuid,
                "changes" jsonb,
                "data" jsonb,
                "actor_member_id" uuid,
                "actor_api_key_id" uuid,
                CONSTRAINT "PK_6a83c1403a1bb1f7619bd80f2b7" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "timeline_entries_account_idx" ON "timeline_entries" (
                "workspace_id",
                "account_id",
                "occurred_at",
                "id"
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "timeline_entries_record_idx" ON "timeline_entries" ("workspace_id", "record_id", "occurred_at", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "document_types" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "name" text NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "archived_at" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "PK_d467d7eeb7c8ce216e90e8494aa" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "document_types_workspace_name_key" ON "document_types" ("workspace_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "documents" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "record_type" character varying(32) NOT NULL,
                "record_id" uuid NOT NULL,
                "account_id" uuid,
                "owner_membership_id" uuid,
                "type_id" uuid,
                "file_name" text NOT NULL,
                "content_type" text NOT NULL,
                "size_bytes" integer NOT NULL,
                "sha256" character(64) NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by_member_id" uuid,
                "created_by_api_key_id" uuid,
                CONSTRAINT "PK_ac51aa5181ee2036f5ca482857c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "documents_workspace_account_idx" ON "documents" ("workspace_id", "account_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "documents_workspace_record_idx" ON "documents" ("workspace_id", "record_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "document_contents" (
                "document_id" uuid NOT NULL,
                "workspace_id" uuid NOT NULL,
                "content" bytea NOT NULL,
                CONSTRAINT "PK_dfc809fb593cb08f0e97825a630" PRIMARY KEY ("document_id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "workspaces"
            ADD "default_country" character varying(2)
        `);
        await queryRunner.query(`
            ALTER TABLE "workspaces"
            ADD "other_account_type_label" text NOT NULL DEFAULT 'Other'
        `);
        await queryRunner.query(`
            ALTER TABLE "account_owners"
            ADD CONSTRAINT "FK_6699249700512c3c98994609327" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "account_owners"
            ADD CONSTRAINT "FK_656ddfc30d95310ed6a4cde4bec" FOREIGN KEY ("membership_id") REFERENCES "memberships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "account_characteristics"
            ADD CONSTRAINT "FK_d3d269f41c5bb70d7b8c6577db6" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "account_characteristics"
            ADD CONSTRAINT "FK_58bbe49608c378611e2ae7e9f90" FOREIGN KEY ("definition_id") REFERENCES "characteristic_definitions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "contacts"
            ADD CONSTRAINT "FK_85bbf0f254d76347a346a8cbb15" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "contacts"
            ADD CONSTRAINT "FK_eadb4ebeb20e82b699d4c21cdb9" FOREIGN KEY ("owner_membership_id") REFERENCES "memberships"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "account_interests"
            ADD CONSTRAINT "FK_6c3320b838b1dfea2a1ec640035" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "account_interests"
            ADD CONSTRAINT "FK_40ecd3779fed9d392e6100cd409" FOREIGN KEY ("area_id") REFERENCES "interest_areas"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "account_relationships"
            ADD CONSTRAINT "FK_9c6a5ae94a6a2874eb33549fd96" FOREIGN KEY ("from_account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "account_relationships"
            ADD CONSTRAINT "FK_89c295758db64803b21a5f5f407" FOREIGN KEY ("to_account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "account_relationships"
            ADD CONSTRAINT "FK_87110d0bc990407549b13e5ec1f" FOREIGN KEY ("type_id") REFERENCES "relationship_types"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "documents"
            ADD CONSTRAINT "FK_a37895d64f23e673f341125bdeb" FOREIGN KEY ("type_id") REFERENCES "document_types"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "document_contents"
            ADD CONSTRAINT "FK_dfc809fb593cb08f0e97825a630" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        // Fuzzy search: tenant-leading trigram indexes (see Account/Contact searchText).
        await queryRunner.query(`CREATE INDEX "accounts_search_trgm_idx" ON "accounts" USING gin ("workspace_id", "search_text" gin_trgm_ops)`);
        await queryRunner.query(`CREATE INDEX "contacts_search_trgm_idx" ON "contacts" USING gin ("workspace_id", "search_text" gin_trgm_ops)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX IF EXISTS "contacts_search_trgm_idx"`);
        await queryRunner.query(`DROP INDEX IF EXISTS "accounts_search_trgm_idx"`);
        await queryRunner.query(`
            ALTER TABLE "document_contents" DROP CONSTRAINT "FK_dfc809fb593cb08f0e97825a630"
        `);
        await queryRunner.query(`
            ALTER TABLE "documents" DROP CONSTRAINT "FK_a37895d64f23e673f341125bdeb"
        `);
        await queryRunner.query(`
            ALTER TABLE "account_relationships" DROP CONSTRAINT "FK_87110d0bc990407549b13e5ec1f"
        `);
        await queryRunner.query(`
            ALTER TABLE "account_relationships" DROP CONSTRAINT "FK_89c295758db64803b21a5f5f407"
        `);
        await queryRunner.query(`
            ALTER TABLE "account_relationships" DROP CONSTRAINT "FK_9c6a5ae94a6a2874eb33549fd96"
        `);
        await queryRunner.query(`
            ALTER TABLE "account_interests" DROP CONSTRAINT "FK_40ecd3779fed9d392e6100cd409"
        `);
        await queryRunner.query(`
            ALTER TABLE "account_interests" DROP CONSTRAINT "FK_6c3320b838b1dfea2a1ec640035"
        `);
        await queryRunner.query(`
            ALTER TABLE "contacts" DROP CONSTRAINT "FK_eadb4ebeb20e82b699d4c21cdb9"
        `);
        await queryRunner.query(`
            ALTER TABLE "contacts" DROP CONSTRAINT "FK_85bbf0f254d76347a346a8cbb15"
        `);
        await queryRunner.query(`
            ALTER TABLE "account_characteristics" DROP CONSTRAINT "FK_58bbe49608c378611e2ae7e9f90"
        `);
        await queryRunner.query(`
            ALTER TABLE "account_characteristics" DROP CONSTRAINT "FK_d3d269f41c5bb70d7b8c6577db6"
        `);
        await queryRunner.query(`
            ALTER TABLE "account_owners" DROP CONSTRAINT "FK_656ddfc30d95310ed6a4cde4bec"
        `);
        await queryRunner.query(`
            ALTER TABLE "account_owners" DROP CONSTRAINT "FK_6699249700512c3c98994609327"
        `);
        await queryRunner.query(`
            ALTER TABLE "workspaces" DROP COLUMN "other_account_type_label"
        `);
        await queryRunner.query(`
            ALTER TABLE "workspaces" DROP COLUMN "default_country"
        `);
        await queryRunner.query(`
            DROP TABLE "document_contents"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."documents_workspace_record_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."documents_workspace_account_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "documents"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."document_types_workspace_name_key"
        `);
        await queryRunner.query(`
            DROP TABLE "document_types"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."timeline_entries_record_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."timeline_entries_account_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "timeline_entries"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."account_relationships_link_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."account_relationships_to_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "account_relationships"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."relationship_types_workspace_name_key"
        `);
        await queryRunner.query(`
            DROP TABLE "relationship_types"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."account_interests_workspace_area_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "account_interests"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."interest_areas_workspace_name_key"
        `);
        await queryRunner.query(`
            DROP TABLE "interest_areas"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."contacts_workspace_external_id_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."contacts_workspace_account_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."contacts_workspace_name_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."contacts_workspace_created_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "contacts"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."account_characteristics_workspace_definition_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "account_characteristics"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."characteristic_definitions_workspace_name_key"
        `);
        await queryRunner.query(`
            DROP TABLE "characteristic_definitions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."account_owners_workspace_member_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."account_owners_one_primary_key"
        `);
        await queryRunner.query(`
            DROP TABLE "account_owners"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."accounts_workspace_external_id_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."accounts_workspace_name_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."accounts_workspace_created_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."accounts_workspace_updated_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."accounts_workspace_tax_id_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "accounts"
        `);
    }

}
