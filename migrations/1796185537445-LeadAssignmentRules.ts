import { MigrationInterface, QueryRunner } from "typeorm";

export class LeadAssignmentRules1796185537445 implements MigrationInterface {
    name = 'LeadAssignmentRules1796185537445'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "lead_assignment_rules" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "archived_at" TIMESTAMP(3) WITH TIME ZONE,
                "name" text NOT NULL,
                "kind" character varying(16) NOT NULL,
                "source_id" uuid,
                "team_id" uuid,
                "assignee_membership_id" uuid,
                "position" integer NOT NULL DEFAULT '0',
                "turns" bigint NOT NULL DEFAULT '0',
                CONSTRAINT "PK_2e7a328bfb4198aad34c894555f" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "lead_assignment_rules_workspace_name_key" ON "lead_assignment_rules" ("workspace_id", "name")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."lead_assignment_rules_workspace_name_key"
        `);
        await queryRunner.query(`
            DROP TABLE "lead_assignment_rules"
        `);
    }

}
