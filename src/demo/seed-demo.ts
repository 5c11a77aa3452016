import type { DataSource } from 'typeorm';
import { memberPrincipal } from '../identity/auth.service';
import { randomToken } from '../platform/auth/secrets';
import { ALL_API_SCOPES } from '../platform/auth/scopes';
import type { Logger } from '../platform/logging/logger';
import type { Services } from '../services';
import { seedDemoSales } from './seed-sales';

export const DEMO_EMAIL = 'admin@demo.vinculo.test';

export interface DemoCredentials {
  email: string;
  password: string;
  apiKey: string;
}

/**
 * On a database without the demo admin, creates the demo workspace, its OWNER, an API key with every scope and a
 * few accounts, products and deals (seed-sales.ts), and returns their credentials (printed once: only hashes are stored). Later starts return null.
 */
export async function seedDemoWorkspace(services: Services, db: DataSource, logger: Logger): Promise<DemoCredentials | null> {
  const existing: unknown[] = await db.query('SELECT 1 FROM users WHERE email = $1', [DEMO_EMAIL]);
  if (existing.length) return null;
  const password = randomToken(12);
  const session = await services.auth.signUp({
    workspaceName: 'Vinculo Demo',
    name: 'Demo Admin',
    email: DEMO_EMAIL,
    password,
    timeZone: 'Europe/Madrid',
  });
  const owner = memberPrincipal(session.membership);
  const { secret } = await services.apiKeys.create(owner, {
    name: 'Demo key',
    scopes: [...ALL_API_SCOPES],
  });
  await seedDemoSales(services, owner);
  logger.info({ email: DEMO_EMAIL }, 'seeded the demo workspace');
  return { email: DEMO_EMAIL, password, apiKey: secret };
}
