import {
  ArchiveInterestAreaDocument,
  SettingsHistoryDocument,
  UpdateInterestAreaDocument,
  UpdateWorkspaceSettingsDocument,
} from '../generated/graphql';
import { createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { createInterestArea } from '../support/settings-factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('settings history', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'History');
    other = await createWorkspace(t, 'Elsewhere');
  });
  afterAll(() => t.stop());

  it('every change to a settings list or to the workspace settings is recorded with its actor and before/after', async () => {
    const area = await createInterestArea(t, ws.admin.token, 'Solar');
    expectData(await t.gql(UpdateInterestAreaDocument, { input: { id: area.id, name: 'Solar energy' } }, { token: ws.admin.token }));
    expectData(await t.gql(ArchiveInterestAreaDocument, { input: { id: area.id } }, { token: ws.owner.token }));
    expectData(await t.gql(UpdateWorkspaceSettingsDocument, { input: { otherAccountTypeLabel: 'Partner' } }, { token: ws.owner.token }));

    const { settingsHistory } = expectData(await t.gql(SettingsHistoryDocument, {}, { token: ws.admin.token }));
    expect(settingsHistory.nodes.map((n) => n.kind)).toEqual(['WORKSPACE_UPDATED', 'SETTING_ARCHIVED', 'SETTING_UPDATED', 'SETTING_CREATED']);
    expect(settingsHistory.nodes[0]).toMatchObject({
      recordType: 'WORKSPACE',
      changes: [{ field: 'otherAccountTypeLabel', before: 'Other', after: 'Partner' }],
      actor: { kind: 'MEMBER', member: { id: ws.owner.memberId } },
    });
    expect(settingsHistory.nodes[2]).toMatchObject({
      recordType: 'SETTING',
      recordId: area.id,
      data: { list: 'Interest area', name: 'Solar energy' },
      changes: [{ field: 'name', before: 'Solar', after: 'Solar energy' }],
      actor: { member: { id: ws.admin.memberId } },
    });
  });

  it('is for ADMIN and OWNER only, and never shows another workspace\'s history', async () => {
    for (const token of [ws.member.token, ws.manager.token]) {
      expect((await t.gql(SettingsHistoryDocument, {}, { token })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    await createInterestArea(t, ws.owner.token, 'Wind');
    const key = await createApiKey(t, other.owner.token, ['accounts:read']);
    for (const token of [other.owner.token, key]) {
      const { settingsHistory } = expectData(await t.gql(SettingsHistoryDocument, {}, { token }));
      expect(settingsHistory.totalCount).toBe(0);
    }
  });
});
