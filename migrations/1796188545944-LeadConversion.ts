import { MigrationInterface, QueryRunner } from "typeorm";

export class LeadConversion1796188545944 implements MigrationInterface {
    name = 'LeadConversion1796188545944'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "deals"
            ADD "converted_by_membership_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "leads"
            ADD "converted_account_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "leads"
            ADD "converted_contact_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "leads"
            ADD "converted_deal_id" uuid
        `);
        await queryRunner.query(`
            CREATE INDEX "deals_workspace_converted_by_idx" ON "deals" (
                "workspace_id",
                "converted_by_membership_id",
                "created_at"
            )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."deals_workspace_converted_by_idx"
        `);
        await queryRunner.query(`
            ALTER TABLE "leads" DROP COLUMN "converted_deal_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "leads" DROP COLUMN "converted_contact_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "leads" DROP COLUMN "converted_account_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "deals" DROP COLUMN "converted_by_membership_id"
        `);
    }

}
