import { MigrationInterface, QueryRunner } from "typeorm";

export class InboundMessages1796218542478 implements MigrationInterface {
    name = 'InboundMessages1796218542478'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "inbound_messages" (
                "workspace_id" uuid NOT NULL,
                "channel" character varying(8) NOT NULL,
                "key" character varying(1000) NOT NULL,
                "record_type" character varying(32),
                "record_id" uuid,
                "response" jsonb,
                "received_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7988d8572954aaad9bd75c9b8f4" PRIMARY KEY ("workspace_id", "channel", "key")
            )
        `);
        // By hand: inbound email and calls find their sender by email / phone (array containment, `@>`; duplicates'
        // `&&` too), within the workspace (btree_gin comes from the Accounts migration).
        await queryRunner.query(`CREATE INDEX "contacts_emails_gin_idx" ON "contacts" USING gin ("workspace_id", "emails")`);
        await queryRunner.query(`CREATE INDEX "contacts_phones_gin_idx" ON "contacts" USING gin ("workspace_id", "phones")`);
        await queryRunner.query(`CREATE INDEX "leads_emails_gin_idx" ON "leads" USING gin ("workspace_id", "emails")`);
        await queryRunner.query(`CREATE INDEX "leads_phones_gin_idx" ON "leads" USING gin ("workspace_id", "phones")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX IF EXISTS "leads_phones_gin_idx"`);
        await queryRunner.query(`DROP INDEX IF EXISTS "leads_emails_gin_idx"`);
        await queryRunner.query(`DROP INDEX IF EXISTS "contacts_phones_gin_idx"`);
        await queryRunner.query(`DROP INDEX IF EXISTS "contacts_emails_gin_idx"`);
        await queryRunner.query(`
            DROP TABLE "inbound_messages"
        `);
    }

}
