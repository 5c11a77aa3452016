import { CreateLeadAssignmentRuleDocument } from '../generated/graphql';
import { createApiKey, createWorkspace, expectData } from '../support/factories';
import { leadSourceId } from '../support/lead-factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { postCall, postEmail, rfc822 } from './support';

describe('inbound leads go through the assignment rules like every new lead', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  it('an email lead takes the EMAIL rule\'s assignee, a call lead the CALL rule\'s (and its team)', async () => {
    const ws = await createWorkspace(t);
    const rule = (kind: 'EMAIL' | 'CALL', assigneeId: string, teamId: string | null) =>
      leadSourceId(t, ws.workspaceId, kind).then(async (sourceId) =>
        expectData(await t.gql(CreateLeadAssignmentRuleDocument, { input: { name: `${kind} desk`, kind: 'FIXED', assigneeId, teamId, sourceId } }, { token: ws.admin.token })),
      );
    await rule('EMAIL', ws.member.memberId, null);
    await rule('CALL', ws.manager.memberId, ws.teamId);
    const key = await createApiKey(t, ws.owner.token, ['leads:write']);

    const email = await postEmail(t, key, rfc822({ from: 'routed@prospect.example.test' }));
    expect(email.json).toMatchObject({ outcome: 'LEAD_CREATED', lead: { assigneeId: ws.member.memberId, teamId: null } });
    const call = await postCall(t, key, {
      callerNumber: '+34612999888',
      calledNumber: '+34910000000',
      startedAt: '2026-12-02T10:00:00Z',
      durationSeconds: 30,
      direction: 'INBOUND',
    });
    expect(call.json).toMatchObject({ outcome: 'LEAD_CREATED', lead: { assigneeId: ws.manager.memberId, teamId: ws.teamId } });
  });
});
