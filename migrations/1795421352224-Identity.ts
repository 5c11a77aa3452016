import { MigrationInterface, QueryRunner } from "typeorm";

export class Identity1795421352224 implements MigrationInterface {
    name = 'Identity1795421352224'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" text NOT NULL,
                "name" text NOT NULL,
                "password_hash" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "users_email_key" ON "users" ("email")
        `);
        await queryRunner.query(`
            CREATE TABLE "workspaces" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "time_zone" text NOT NULL DEFAULT 'UTC',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_098656ae401f3e1a4586f47fd8e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "memberships" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "role" character varying(16) NOT NULL,
                "access_scope" character varying(8) NOT NULL,
                "status" character varying(16) NOT NULL DEFAULT 'ACTIVE',
                "invitation_token_hash" text,
                "invitation_expires_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_25d28bd932097a9e90495ede7b4" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "memberships_user_idx" ON "memberships" ("user_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "memberships_workspace_user_key" ON "memberships" ("workspace_id", "user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "api_keys" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "name" text NOT NULL,
                "prefix" text NOT NULL,
                "secret_hash" text NOT NULL,
                "scopes" text array NOT NULL,
                "created_by_membership_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "api_keys_workspace_created_idx" ON "api_keys" ("workspace_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys" ("prefix")
        `);
        await queryRunner.query(`
            CREATE TABLE "login_throttles" (
                "email" text NOT NULL,
                "failures" integer NOT NULL,
                "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "locked_until" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_f68410cc6124d967bf665a1b81d" PRIMARY KEY ("email")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "refresh_sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "membership_id" uuid NOT NULL,
                "family_id" uuid NOT NULL,
                "token_hash" text NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_9190032f6967b7971dca07d69f3" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "refresh_sessions_family_idx" ON "refresh_sessions" ("family_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "refresh_sessions_workspace_membership_idx" ON "refresh_sessions" ("workspace_id", "membership_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "refresh_sessions_token_hash_key" ON "refresh_sessions" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE TABLE "server_secrets" (
                "name" text NOT NULL,
                "value" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_776280895f188bb4dd7028779cd" PRIMARY KEY ("name")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "teams" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "name" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7e5523774a38b08a6236d322403" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "teams_workspace_name_key" ON "teams" ("workspace_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "team_members" (
                "team_id" uuid NOT NULL,
                "membership_id" uuid NOT NULL,
                "workspace_id" uuid NOT NULL,
                CONSTRAINT "PK_833376c624d0ed4a664998ef1e5" PRIMARY KEY ("team_id", "membership_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "team_members_workspace_membership_idx" ON "team_members" ("workspace_id", "membership_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "memberships"
            ADD CONSTRAINT "FK_9b76ecf1dda18a6adec17fe71c4" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "memberships"
            ADD CONSTRAINT "FK_7c1e2fdfed4f6838e0c05ae5051" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "api_keys"
            ADD CONSTRAINT "FK_deb68fe8625b21785d1c48283e4" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "api_keys"
            ADD CONSTRAINT "FK_d09d1179a0ec16746d88cbb1a28" FOREIGN KEY ("created_by_membership_id") REFERENCES "memberships"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_sessions"
            ADD CONSTRAINT "FK_929299017bd297f58edba926b20" FOREIGN KEY ("membership_id") REFERENCES "memberships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "teams"
            ADD CONSTRAINT "FK_b8ddbe9dbfcdffa1c4fc17a58d6" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "team_members"
            ADD CONSTRAINT "FK_fdad7d5768277e60c40e01cdcea" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "team_members"
            ADD CONSTRAINT "FK_8e731297376b885543803be5560" FOREIGN KEY ("membership_id") REFERENCES "memberships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "team_members" DROP CONSTRAINT "FK_8e731297376b885543803be5560"
        `);
        await queryRunner.query(`
            ALTER TABLE "team_members" DROP CONSTRAINT "FK_fdad7d5768277e60c40e01cdcea"
        `);
        await queryRunner.query(`
            ALTER TABLE "teams" DROP CONSTRAINT "FK_b8ddbe9dbfcdffa1c4fc17a58d6"
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_sessions" DROP CONSTRAINT "FK_929299017bd297f58edba926b20"
        `);
        await queryRunner.query(`
            ALTER TABLE "api_keys" DROP CONSTRAINT "FK_d09d1179a0ec16746d88cbb1a28"
        `);
        await queryRunner.query(`
            ALTER TABLE "api_keys" DROP CONSTRAINT "FK_deb68fe8625b21785d1c48283e4"
        `);
        await queryRunner.query(`
            ALTER TABLE "memberships" DROP CONSTRAINT "FK_7c1e2fdfed4f6838e0c05ae5051"
        `);
        await queryRunner.query(`
            ALTER TABLE "memberships" DROP CONSTRAINT "FK_9b76ecf1dda18a6adec17fe71c4"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."team_members_workspace_membership_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "team_members"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."teams_workspace_name_key"
        `);
        await queryRunner.query(`
            DROP TABLE "teams"
        `);
        await queryRunner.query(`
            DROP TABLE "server_secrets"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."refresh_sessions_token_hash_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."refresh_sessions_workspace_membership_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."refresh_sessions_family_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "refresh_sessions"
        `);
        await queryRunner.query(`
            DROP TABLE "login_throttles"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."api_keys_prefix_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."api_keys_workspace_created_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "api_keys"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."memberships_workspace_user_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."memberships_user_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "memberships"
        `);
        await queryRunner.query(`
            DROP TABLE "workspaces"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."users_email_key"
        `);
        await queryRunner.query(`
            DROP TABLE "users"
        `);
    }

}
