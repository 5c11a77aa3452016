import { MigrationInterface, QueryRunner } from "typeorm";

export class FollowUpsOpenDueIndex1796218782458 implements MigrationInterface {
    name = 'FollowUpsOpenDueIndex1796218782458'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "follow_ups_open_due_idx" ON "follow_ups" ("due_at")
            WHERE status = 'OPEN'
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."follow_ups_open_due_idx"
        `);
    }

}
