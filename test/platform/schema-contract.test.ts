import fs from 'node:fs';
import path from 'node:path';
import { isObjectType, type GraphQLSchema } from 'graphql';
import type { GuardRule } from '../../src/platform/auth/guard';
import { buildAppSchema, printAppSchema } from '../../src/platform/graphql/schema';
import { createDataSource } from '../../src/platform/db/data-source';
import { entities } from '../../src/entities';
import { resolvers } from '../../src/resolvers';
import { createLogger } from '../../src/platform/logging/logger';
import { createTestDatabase } from '../support/database';

describe('contracts between code, schema and database', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema(resolvers);
  });

  it('schema.graphql is what the code emits (run `npm run schema:emit` after changing the API)', () => {
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'schema.graphql'), 'utf8');
    expect(printAppSchema(schema)).toBe(committed);
  });

  it('every root field is either guarded (@Guard) or explicitly public (@Public)', () => {
    const unmarked: string[] = [];
    for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
      if (!root || !isObjectType(root)) continue;
      for (const field of Object.values(root.getFields())) {
        const { guard, public: isPublic } = field.extensions as { guard?: unknown; public?: boolean };
        if (!guard === !isPublic) unmarked.push(`${root.name}.${field.name}`);
      }
    }
    expect(unmarked).toEqual([]);
  });

  it('every guarded mutation states the role it needs, and its description says so', () => {
    const problems: string[] = [];
    const mutation = schema.getMutationType();
    for (const field of Object.values(mutation?.getFields() ?? {})) {
      const { guard } = field.extensions as { guard?: GuardRule };
      if (!guard) continue; // public (checked above)
      if (!guard.role) problems.push(`Mutation.${field.name}: @Guard has no role`);
      else if (!field.description?.startsWith(`Requires ${guard.role} or above`)) {
        problems.push(`Mutation.${field.name}: description does not start with "Requires ${guard.role} or above"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every guarded root field says who may call it: its description names the API-key scope (or that keys are refused)', () => {
    const problems: string[] = [];
    for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
      if (!root || !isObjectType(root)) continue;
      for (const field of Object.values(root.getFields())) {
        const { guard } = field.extensions as { guard?: GuardRule };
        if (!guard) continue; // public (checked above)
        const names = guard.membersOnly ? 'MEMBERS_ONLY' : guard.scope;
        if (!field.description?.includes(names)) problems.push(`${root.name}.${field.name}: description does not name ${names}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the committed migrations produce exactly the schema the entities describe', async () => {
    const database = await createTestDatabase();
    const dataSource = createDataSource({ url: database.url, logger: createLogger('silent'), entities });
    try {
      await dataSource.initialize();
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });
});
