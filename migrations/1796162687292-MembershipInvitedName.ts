import { MigrationInterface, QueryRunner } from "typeorm";

export class MembershipInvitedName1796162687292 implements MigrationInterface {
    name = 'MembershipInvitedName1796162687292'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "memberships"
            ADD "invited_name" text
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "memberships" DROP COLUMN "invited_name"
        `);
    }

}
