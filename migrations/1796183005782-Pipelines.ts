import { MigrationInterface, QueryRunner } from "typeorm";

export class Pipelines1796183005782 implements MigrationInterface {
    name = 'Pipelines1796183005782'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "deal_lost_reasons" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "archived_at" TIMESTAMP(3) WITH TIME ZONE,
                "name" text NOT NULL,
                CONSTRAINT "PK_44dbb530cf1f88e275448aca2d5" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "deal_lost_reasons_workspace_name_key" ON "deal_lost_reasons" ("workspace_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "pipelines" (
                "version" integer NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "archived_at" TIMESTAMP(3) WITH TIME ZONE,
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "name" text NOT NULL,
                "strict_order" boolean NOT NULL DEFAULT false,
                "is_default" boolean NOT NULL DEFAULT false,
                "created_by_member_id" uuid,
                "created_by_api_key_id" uuid,
                "updated_by_member_id" uuid,
                "updated_by_api_key_id" uuid,
                "archived_by_member_id" uuid,
                "archived_by_api_key_id" uuid,
                CONSTRAINT "PK_e38ea171cdfad107c1f3db2c036" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "pipelines_workspace_default_key" ON "pipelines" ("workspace_id")
            WHERE is_default
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "pipelines_workspace_name_key" ON "pipelines" ("workspace_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "pipeline_stages" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "workspace_id" uuid NOT NULL,
                "pipeline_id" uuid NOT NULL,
                "name" text NOT NULL,
                "position" integer NOT NULL,
                "probability" numeric NOT NULL,
                "kind" character varying(8) NOT NULL,
                "required_fields" text array NOT NULL DEFAULT '{}',
                "archived_at" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "PK_92e43270eace072ad5182fc08e2" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "pipeline_stages_workspace_pipeline_idx" ON "pipeline_stages" ("workspace_id", "pipeline_id", "position")
        `);
        await queryRunner.query(`
            ALTER TABLE "pipeline_stages"
            ADD CONSTRAINT "FK_37b689c446ebe79ecd37e445735" FOREIGN KEY ("pipeline_id") REFERENCES "pipelines"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        // Workspaces created before deals existed get what new ones get at sign-up (src/deals/default-pipeline.ts,
        // as it was when this migration was written): the default "Sales" pipeline and the default lost reasons.
        await queryRunner.query(`
            INSERT INTO "pipelines" ("version", "workspace_id", "name", "strict_order", "is_default")
            SELECT 1, w.id, 'Sales', true, true FROM "workspaces" w
        `);
        await queryRunner.query(`
            INSERT INTO "pipeline_stages" ("workspace_id", "pipeline_id", "name", "position", "probability", "kind", "required_fields")
            SELECT p.workspace_id, p.id, s.name, s.position, s.probability, s.kind, s.required_fields
              FROM "pipelines" p
             CROSS JOIN (VALUES
               ('Qualification', 0, 10, 'OPEN', '{}'::text[]),
               ('Needs analysis', 1, 25, 'OPEN', '{CONTACT}'::text[]),
               ('Proposal', 2, 50, 'OPEN', '{AMOUNT,EXPECTED_CLOSE_DATE}'::text[]),
               ('Negotiation', 3, 75, 'OPEN', '{AMOUNT,CONTACT}'::text[]),
               ('Won', 4, 100, 'WON', '{AMOUNT}'::text[]),
               ('Lost', 5, 0, 'LOST', '{}'::text[])
             ) AS s(name, position, probability, kind, required_fields)
        `);
        await queryRunner.query(`
            INSERT INTO "deal_lost_reasons" ("workspace_id", "name")
            SELECT w.id, r.name FROM "workspaces" w
             CROSS JOIN (VALUES ('Price'), ('Competitor'), ('No budget'), ('No decision'), ('Timing')) AS r(name)
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "pipeline_stages" DROP CONSTRAINT "FK_37b689c446ebe79ecd37e445735"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."pipeline_stages_workspace_pipeline_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "pipeline_stages"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."pipelines_workspace_name_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."pipelines_workspace_default_key"
        `);
        await queryRunner.query(`
            DROP TABLE "pipelines"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."deal_lost_reasons_workspace_name_key"
        `);
        await queryRunner.query(`
            DROP TABLE "deal_lost_reasons"
        `);
    }

}
