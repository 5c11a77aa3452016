import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../src/platform/db/embedded-postgres';

declare global {
  var __VINCULO_EMBEDDED_PG__: { stop(): Promise<void>; dir: string } | undefined;
}

/**
 * Uses TEST_DATABASE_URL (an admin connection to a real PostgreSQL) or starts an embedded one, then builds a
 * template database from the migrations. Each test file clones the template into its own database.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.TEST_DATABASE_URL) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-test-pg-'));
    const port = 20000 + Math.floor(Math.random() * 20000);
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port, database: 'postgres_admin' });
    globalThis.__VINCULO_EMBEDDED_PG__ = { stop: embedded.stop, dir };
    process.env.TEST_DATABASE_URL = embedded.url;
  }
  const template = `vinculo_test_template_${process.pid}`;
  execFileSync(
    process.execPath,
    ['-r', '@swc-node/register', path.join(__dirname, '..', '..', 'scripts', 'prepare-test-database.ts'), process.env.TEST_DATABASE_URL as string, template],
    { stdio: 'inherit', cwd: path.join(__dirname, '..', '..') },
  );
  process.env.VINCULO_TEST_TEMPLATE = template;
}
