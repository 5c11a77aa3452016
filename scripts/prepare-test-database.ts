// Creates (or re-creates) a template database with every migration applied; each test file clones it.
// Usage: node -r @swc-node/register scripts/prepare-test-database.ts <admin-url> <template-name>
import 'reflect-metadata';
import { Client } from 'pg';
import { createDataSource } from '../src/platform/db/data-source';
import { entities } from '../src/entities';
import { installJobQueueSchema } from '../src/platform/jobs/job-schema';
import { createLogger } from '../src/platform/logging/logger';

async function main(): Promise<void> {
  const [adminUrl, template] = process.argv.slice(2);
  if (!adminUrl || !template) throw new Error('usage: prepare-test-database <admin-url> <template-name>');
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${template}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  const dataSource = createDataSource({ url: url.toString(), logger: createLogger('warn'), entities });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  // The job queue's schema too (as a server start does), so test databases cloned from the template can enqueue.
  await installJobQueueSchema(url.toString());
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
