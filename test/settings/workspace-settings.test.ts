import { AccountDocument, UpdateWorkspaceSettingsDocument, WorkspaceSettingsDocument } from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { codeOf } from '../support/settings-factories';
import { startTestApp, type TestApp } from '../support/test-app';


describe('workspace settings: updateWorkspaceSettings', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Acme');
    other = await createWorkspace(t, 'Other');
  });
  afterAll(() => t.stop());

  it('an ADMIN sets the label of the OTHER account type, and accounts of that type show it as typeLabel', async () => {
    const account = await createAccount(t, ws.member.token, { type: 'OTHER' });
    expect(account.typeLabel).toBe('Other');
    const { updateWorkspaceSettings } = expectData(
      await t.gql(UpdateWorkspaceSettingsDocument, { input: { otherAccountTypeLabel: '  Distributor ' } }, { token: ws.admin.token }),
    );
    expect(updateWorkspaceSettings).toMatchObject({ name: 'Acme', otherAccountTypeLabel: 'Distributor' });
    const { account: reread } = expectData(await t.gql(AccountDocument, { id: account.id }, { token: ws.member.token }));
    expect(reread).toMatchObject({ type: 'OTHER', typeLabel: 'Distributor' });
    const lead = await createAccount(t, ws.member.token, { type: 'LEAD' });
    expect(lead.typeLabel).toBe('Lead');
  });

  it('the name, time zone and default country change; omitted fields keep their value and null clears the country', async () => {
    const token = ws.owner.token;
    const first = expectData(
      await t.gql(UpdateWorkspaceSettingsDocument, { input: { name: 'Acme Iberia', timeZone: 'Europe/Madrid', defaultCountry: 'es' } }, { token }),
    );
    expect(first.updateWorkspaceSettings).toMatchObject({ name: 'Acme Iberia', timeZone: 'Europe/Madrid', defaultCountry: 'ES' });
    const localPhone = await createAccount(t, ws.member.token, { phones: ['911 23 45 67'] });
    expect(localPhone.phones).toEqual(['+34911234567']);
    const second = expectData(await t.gql(UpdateWorkspaceSettingsDocument, { input: { defaultCountry: null } }, { token }));
    expect(second.updateWorkspaceSettings).toMatchObject({ name: 'Acme Iberia', timeZone: 'Europe/Madrid', defaultCountry: null });
    const { me } = expectData(await t.gql(WorkspaceSettingsDocument, {}, { token: ws.member.token }));
    expect(me.workspace).toMatchObject({ name: 'Acme Iberia', timeZone: 'Europe/Madrid', defaultCountry: null, otherAccountTypeLabel: 'Distributor' });
  });

  it('invalid values are BAD_USER_INPUT naming each field, and nothing changes', async () => {
    const result = await t.gql(
      UpdateWorkspaceSettingsDocument,
      { input: { name: ' ', timeZone: 'Mars/Olympus', defaultCountry: 'XX', otherAccountTypeLabel: '' } },
      { token: ws.owner.token },
    );
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    const paths = (result.errors?.[0].extensions?.fields as { path: string }[]).map((f) => f.path).sort();
    expect(paths).toEqual(['input.defaultCountry', 'input.name', 'input.otherAccountTypeLabel', 'input.timeZone']);
    const { me } = expectData(await t.gql(WorkspaceSettingsDocument, {}, { token: ws.owner.token }));
    expect(me.workspace).toMatchObject({ name: 'Acme Iberia', timeZone: 'Europe/Madrid', otherAccountTypeLabel: 'Distributor' });
  });

  it('MEMBER and MANAGER get FORBIDDEN and nothing changes', async () => {
    for (const token of [ws.member.token, ws.manager.token]) {
      const result = await t.gql(UpdateWorkspaceSettingsDocument, { input: { otherAccountTypeLabel: 'Hijacked', name: 'Hijacked' } }, { token });
      expect(codeOf(result)).toBe('FORBIDDEN');
    }
    const { me } = expectData(await t.gql(WorkspaceSettingsDocument, {}, { token: ws.owner.token }));
    expect(me.workspace).toMatchObject({ name: 'Acme Iberia', otherAccountTypeLabel: 'Distributor' });
  });

  it('an API key needs identity:write (accounts:write is not enough)', async () => {
    const accountsKey = await createApiKey(t, ws.owner.token, ['accounts:write']);
    expect(codeOf(await t.gql(UpdateWorkspaceSettingsDocument, { input: { name: 'By key' } }, { token: accountsKey }))).toBe('FORBIDDEN');
    const identityKey = await createApiKey(t, ws.owner.token, ['identity:write']);
    const { updateWorkspaceSettings } = expectData(
      await t.gql(UpdateWorkspaceSettingsDocument, { input: { name: 'Acme by key' } }, { token: identityKey }),
    );
    expect(updateWorkspaceSettings.name).toBe('Acme by key');
  });

  it('another workspace\'s owner and API key only ever change their own workspace', async () => {
    const otherKey = await createApiKey(t, other.owner.token, ['identity:write']);
    for (const token of [other.owner.token, otherKey]) {
      const { updateWorkspaceSettings } = expectData(
        await t.gql(UpdateWorkspaceSettingsDocument, { input: { otherAccountTypeLabel: 'Their label' } }, { token }),
      );
      expect(updateWorkspaceSettings.id).toBe(other.workspaceId);
    }
    const { me } = expectData(await t.gql(WorkspaceSettingsDocument, {}, { token: ws.owner.token }));
    expect(me.workspace).toMatchObject({ id: ws.workspaceId, otherAccountTypeLabel: 'Distributor' });
  });
});
