import { MigrationInterface, QueryRunner } from "typeorm";

export class FollowUpEntries1796218540557 implements MigrationInterface {
    name = 'FollowUpEntries1796218540557'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "follow_up_activity_definitions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "archived_at" TIMESTAMP(3) WITH TIME ZONE,
                "name" text NOT NULL,
                "effect" character varying(16) NOT NULL,
                CONSTRAINT "PK_a83ab4b52f493f756d1cd937629" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "follow_up_activity_definitions_workspace_name_key" ON "follow_up_activity_definitions" ("workspace_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "follow_up_observations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "follow_up_id" uuid NOT NULL,
                "text" text NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "actor_member_id" uuid,
                "actor_api_key_id" uuid,
                CONSTRAINT "PK_2612adab9748fc52f09fce493e8" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "follow_up_observations_follow_up_idx" ON "follow_up_observations" (
                "workspace_id",
                "follow_up_id",
                "created_at",
                "id"
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "follow_up_activities" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "follow_up_id" uuid NOT NULL,
                "definition_id" uuid NOT NULL,
                "note" text,
                "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "actor_member_id" uuid,
                "actor_api_key_id" uuid,
                CONSTRAINT "PK_9cb10cf74e78f2812d18732e621" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "follow_up_activities_follow_up_idx" ON "follow_up_activities" (
                "workspace_id",
                "follow_up_id",
                "occurred_at",
                "id"
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "workspaces"
            ADD "working_hours_start" character varying(5) NOT NULL DEFAULT '09:00'
        `);
        await queryRunner.query(`
            ALTER TABLE "workspaces"
            ADD "working_hours_end" character varying(5) NOT NULL DEFAULT '18:00'
        `);
        await queryRunner.query(`
            ALTER TABLE "workspaces"
            ADD "working_days" smallint array NOT NULL DEFAULT '{1,2,3,4,5}'
        `);
        await queryRunner.query(`
            ALTER TABLE "memberships"
            ADD "time_zone" text
        `);
        await queryRunner.query(`
            CREATE INDEX "deals_workspace_owner_status_idx" ON "deals" ("workspace_id", "owner_membership_id", "status")
        `);
        await queryRunner.query(`
            CREATE INDEX "follow_ups_workspace_open_record_idx" ON "follow_ups" ("workspace_id", "record_id")
            WHERE status = 'OPEN'
        `);
        // Workspaces that existed before get the activity definitions new ones are seeded with (follow-up-settings.service.ts).
        await queryRunner.query(`
            INSERT INTO "follow_up_activity_definitions" ("workspace_id", "name", "effect")
            SELECT w.id, v.name, v.effect FROM "workspaces" w
             CROSS JOIN (VALUES ('Customer answered', 'PROGRESS'), ('Proposal sent', 'PROGRESS'), ('Commitment obtained', 'PROGRESS'),
                                ('No answer', 'REGRESS'), ('Customer asked to wait', 'REGRESS')) AS v(name, effect)
            ON CONFLICT DO NOTHING
        `);
        // ...and the document types for supporting documents (documents/document-types.service.ts).
        await queryRunner.query(`
            INSERT INTO "document_types" ("workspace_id", "name")
            SELECT w.id, v.name FROM "workspaces" w
             CROSS JOIN (VALUES ('Collection letter'), ('Supporting document')) AS v(name)
             -- names are unique ignoring case: a workspace that already has one keeps its own.
             WHERE NOT EXISTS (SELECT 1 FROM "document_types" d WHERE d.workspace_id = w.id AND lower(d.name) = lower(v.name))
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."follow_ups_workspace_open_record_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."deals_workspace_owner_status_idx"
        `);
        await queryRunner.query(`
            ALTER TABLE "memberships" DROP COLUMN "time_zone"
        `);
        await queryRunner.query(`
            ALTER TABLE "workspaces" DROP COLUMN "working_days"
        `);
        await queryRunner.query(`
            ALTER TABLE "workspaces" DROP COLUMN "working_hours_end"
        `);
        await queryRunner.query(`
            ALTER TABLE "workspaces" DROP COLUMN "working_hours_start"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."follow_up_activities_follow_up_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "follow_up_activities"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."follow_up_observations_follow_up_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "follow_up_observations"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."follow_up_activity_definitions_workspace_name_key"
        `);
        await queryRunner.query(`
            DROP TABLE "follow_up_activity_definitions"
        `);
    }

}
