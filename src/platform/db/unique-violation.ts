import { QueryFailedError } from 'typeorm';

/** Whether a database error is a unique-constraint violation (SQLSTATE 23505: a concurrent duplicate). */
export const isUniqueViolation = (error: unknown): boolean =>
  error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';
