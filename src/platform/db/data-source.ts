import path from 'node:path';
import { DataSource, type EntitySchema } from 'typeorm';
import type { Logger } from '../logging/logger';
import { SnakeNamingStrategy } from './naming-strategy';
import { memoizePropertyNameRewrite, memoizeSelectQueryText } from './query-text-memo';
import { SqlLogger } from './sql-logger';

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  logger: Logger;
  /** The app's entities (src/entities.ts): platform knows no domain. */
  entities: (Function | EntitySchema)[];
  /** Check every memoized select text against a fresh build (tests: a memo key that missed an input fails). */
  verifyMemoizedText?: boolean;
}

/** Migrations live at the repository root (compiled beside it in dist/). */
export const migrationsGlob = path.join(__dirname, '..', '..', '..', 'migrations', '*.{js,ts}');

export function createDataSource(options: DataSourceOptions): DataSource {
  memoizePropertyNameRewrite();
  memoizeSelectQueryText({ verify: options.verifyMemoizedText ?? false });
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: [migrationsGlob],
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    namingStrategy: new SnakeNamingStrategy(),
    logger: new SqlLogger(options.logger),
    maxQueryExecutionTime: 1000,
    extra: { max: options.poolSize ?? 10, application_name: 'vinculo' },
  });
}

export function sqlLoggerOf(dataSource: DataSource): SqlLogger {
  const logger = dataSource.logger;
  if (!(logger instanceof SqlLogger)) throw new Error('data source was created without the SQL logger');
  return logger;
}
