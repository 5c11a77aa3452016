// Used by the TypeORM CLI (npm run migration:generate / migration:run); it must export exactly one DataSource.
import 'reflect-metadata';
import { createDataSource } from './platform/db/data-source';
import { createLogger } from './platform/logging/logger';
import { entities } from './entities';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL must be set to generate or run migrations from the CLI');

export default createDataSource({ url, logger: createLogger(process.env.LOG_LEVEL ?? 'info'), entities });
