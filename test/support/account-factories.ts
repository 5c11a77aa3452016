import { randomBytes } from 'node:crypto';
import { CreateAccountDocument, type CreateAccountInput } from '../generated/graphql';
import { expectData } from './factories';
import type { TestApp } from './test-app';

/** Creates an account as `token` (the creating member becomes its primary owner unless told otherwise). */
export async function createAccount(t: TestApp, token: string, overrides: Partial<CreateAccountInput> = {}) {
  const { createAccount: account } = expectData(
    await t.gql(
      CreateAccountDocument,
      { input: { name: `Account ${randomBytes(3).toString('hex')}`, type: 'PROSPECT', ...overrides } },
      { token },
    ),
  );
  return account;
}
