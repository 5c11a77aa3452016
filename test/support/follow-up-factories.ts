import { CreateFollowUpDocument, FollowUpTypesDocument, type FollowUpKind, type NewFollowUpInput } from '../generated/graphql';
import { expectData } from './factories';
import type { TestApp } from './test-app';

/** The id of the workspace's seeded follow-up type of this base kind. */
export async function followUpTypeId(t: TestApp, token: string, kind: FollowUpKind = 'CALL'): Promise<string> {
  const { followUpTypes } = expectData(await t.gql(FollowUpTypesDocument, {}, { token }));
  const found = followUpTypes.find((type) => type.kind === kind);
  if (!found) throw new Error(`no follow-up type of kind ${kind}`);
  return found.id;
}

/** Creates a follow-up as `token` on an account (a CALL due tomorrow unless told). */
export async function createFollowUp(t: TestApp, token: string, accountId: string, overrides: Partial<NewFollowUpInput> = {}) {
  const input: NewFollowUpInput = {
    subject: 'Call back',
    typeId: overrides.typeId ?? (await followUpTypeId(t, token)),
    targetType: 'ACCOUNT',
    targetId: accountId,
    dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    ...overrides,
  };
  return expectData(await t.gql(CreateFollowUpDocument, { input }, { token })).createFollowUp;
}
