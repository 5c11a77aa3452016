import { MigrationInterface, QueryRunner } from "typeorm";

export class FollowUps1796188617452 implements MigrationInterface {
    name = 'FollowUps1796188617452'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "follow_up_types" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "archived_at" TIMESTAMP(3) WITH TIME ZONE,
                "name" text NOT NULL,
                "kind" character varying(16) NOT NULL,
                "default_duration_minutes" integer NOT NULL,
                CONSTRAINT "PK_400a3e689a4c3c06f12f45091f8" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "follow_up_types_workspace_name_key" ON "follow_up_types" ("workspace_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "follow_up_states" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "archived_at" TIMESTAMP(3) WITH TIME ZONE,
                "name" text NOT NULL,
                CONSTRAINT "PK_ba31ad516c7356b08d2e52aa03b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "follow_up_states_workspace_name_key" ON "follow_up_states" ("workspace_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "follow_ups" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "subject" text NOT NULL,
                "type_id" uuid NOT NULL,
                "state_id" uuid,
                "record_type" character varying(32) NOT NULL,
                "record_id" uuid NOT NULL,
                "account_id" uuid,
                "owner_membership_id" uuid,
                "assignee_membership_id" uuid,
                "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "duration_minutes" integer NOT NULL,
                "status" character varying(16) NOT NULL,
                "outcome" character varying(16),
                "outcome_note" text,
                "closed_at" TIMESTAMP(3) WITH TIME ZONE,
                "parent_id" uuid,
                "chain_root_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by_member_id" uuid,
                "created_by_api_key_id" uuid,
                CONSTRAINT "PK_d510aabdff2ec7fdc67a1092157" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "follow_ups_workspace_chain_idx" ON "follow_ups" ("workspace_id", "chain_root_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "follow_ups_workspace_account_idx" ON "follow_ups" ("workspace_id", "account_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "follow_ups_workspace_record_idx" ON "follow_ups" ("workspace_id", "record_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "follow_ups_workspace_assignee_due_idx" ON "follow_ups" (
                "workspace_id",
                "assignee_membership_id",
                "status",
                "due_at"
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "follow_ups_workspace_due_idx" ON "follow_ups" ("workspace_id", "due_at", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "follow_up_postponements" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "follow_up_id" uuid NOT NULL,
                "from_due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "to_due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "hours" integer NOT NULL,
                "reason" text NOT NULL,
                "postponed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "actor_member_id" uuid,
                "actor_api_key_id" uuid,
                CONSTRAINT "PK_9104d0cb8bfba46a4cc895f7061" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "follow_up_postponements_follow_up_idx" ON "follow_up_postponements" ("workspace_id", "follow_up_id", "postponed_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "workspaces"
            ADD "default_postpone_hours" integer NOT NULL DEFAULT '24'
        `);
        // Workspaces that existed before get the defaults new ones are seeded with (follow-up-settings.service.ts).
        await queryRunner.query(`
            INSERT INTO "follow_up_types" ("workspace_id", "name", "kind", "default_duration_minutes")
            SELECT w.id, v.name, v.kind, v.minutes FROM "workspaces" w
             CROSS JOIN (VALUES ('Call', 'CALL', 15), ('Email', 'EMAIL', 15), ('Meeting', 'MEETING', 60), ('Visit', 'VISIT', 90),
                                ('Task', 'TASK', 30), ('Collection call', 'COLLECTION', 15)) AS v(name, kind, minutes)
            ON CONFLICT DO NOTHING
        `);
        await queryRunner.query(`
            INSERT INTO "follow_up_states" ("workspace_id", "name")
            SELECT w.id, v.name FROM "workspaces" w
             CROSS JOIN (VALUES ('Pending'), ('Waiting for the customer'), ('Rescheduled')) AS v(name)
            ON CONFLICT DO NOTHING
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "workspaces" DROP COLUMN "default_postpone_hours"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."follow_up_postponements_follow_up_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "follow_up_postponements"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."follow_ups_workspace_due_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."follow_ups_workspace_assignee_due_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."follow_ups_workspace_record_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."follow_ups_workspace_account_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."follow_ups_workspace_chain_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "follow_ups"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."follow_up_states_workspace_name_key"
        `);
        await queryRunner.query(`
            DROP TABLE "follow_up_states"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."follow_up_types_workspace_name_key"
        `);
        await queryRunner.query(`
            DROP TABLE "follow_up_types"
        `);
    }

}
