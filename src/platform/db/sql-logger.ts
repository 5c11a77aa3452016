import type { Logger as TypeOrmLogger } from 'typeorm';
import type { Logger } from '../logging/logger';

/**
 * TypeORM logger that counts every SQL statement sent (tests assert a request's statement count does not
 * grow with the number of rows) and routes errors and slow queries to the structured log.
 */
export class SqlLogger implements TypeOrmLogger {
  statementCount = 0;

  constructor(private readonly logger: Logger) {}

  logQuery(query: string, parameters?: unknown[]): void {
    this.statementCount += 1;
    // LOG_LEVEL=trace shows every statement (what a request sends, when tuning the read path).
    if (this.logger.isLevelEnabled('trace')) this.logger.trace({ query, parameters }, 'sql');
  }
  logQueryError(error: string | Error, query: string): void {
    this.logger.debug({ err: error, query }, 'sql error');
  }
  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ timeMs: time, query }, 'slow sql');
  }
  logSchemaBuild(message: string): void {
    this.logger.debug({ message }, 'schema build');
  }
  logMigration(message: string): void {
    this.logger.info({ message }, 'migration');
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn({ message }, 'typeorm');
    else this.logger.debug({ message }, 'typeorm');
  }
}
