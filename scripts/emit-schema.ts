// Writes schema.graphql from the code (npm run schema:emit). The schema test fails when they differ.
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { buildAppSchema, printAppSchema } from '../src/platform/graphql/schema';
import { resolvers } from '../src/resolvers';

async function main(): Promise<void> {
  const sdl = printAppSchema(await buildAppSchema(resolvers));
  const target = path.join(__dirname, '..', 'schema.graphql');
  fs.writeFileSync(target, sdl);
  process.stdout.write(`wrote ${target}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
