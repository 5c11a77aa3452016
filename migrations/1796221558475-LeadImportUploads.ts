import { MigrationInterface, QueryRunner } from "typeorm";

export class LeadImportUploads1796221558475 implements MigrationInterface {
    name = 'LeadImportUploads1796221558475'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "lead_import_files"
            ADD "created_by_member_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "lead_import_files"
            ADD "created_by_api_key_id" uuid
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "lead_import_files" DROP COLUMN "created_by_api_key_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "lead_import_files" DROP COLUMN "created_by_member_id"
        `);
    }

}
