import {
  ArchivePipelineDocument,
  CreateDealLostReasonDocument,
  CreatePipelineDocument,
  DealLostReasonsDocument,
  PipelinesDocument,
  SettingsHistoryDocument,
  UpdatePipelineDocument,
  type PipelineStageInput,
} from '../generated/graphql';
import { createPipeline, STANDARD_STAGES } from '../support/deal-factories';
import { createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('pipelines and lost reasons', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Pipelines');
    other = await createWorkspace(t, 'Elsewhere');
  });
  afterAll(() => t.stop());

  const pipelineRows = async (workspaceId: string): Promise<number> =>
    (await t.app.db.query('SELECT count(*)::int AS n FROM pipelines WHERE workspace_id = $1', [workspaceId]))[0].n;
  const stageRows = async (workspaceId: string): Promise<number> =>
    (await t.app.db.query('SELECT count(*)::int AS n FROM pipeline_stages WHERE workspace_id = $1', [workspaceId]))[0].n;

  it('a new workspace starts with the default strict "Sales" pipeline and the default lost reasons', async () => {
    const { pipelines } = expectData(await t.gql(PipelinesDocument, {}, { token: ws.member.token }));
    expect(pipelines).toHaveLength(1);
    expect(pipelines[0]).toMatchObject({ name: 'Sales', isDefault: true, strictOrder: true, version: 1 });
    expect(pipelines[0].stages.map((s) => [s.name, s.position, s.kind, s.probability])).toEqual([
      ['Qualification', 0, 'OPEN', '10'],
      ['Needs analysis', 1, 'OPEN', '25'],
      ['Proposal', 2, 'OPEN', '50'],
      ['Negotiation', 3, 'OPEN', '75'],
      ['Won', 4, 'WON', '100'],
      ['Lost', 5, 'LOST', '0'],
    ]);
    expect(pipelines[0].stages[2].requiredFields).toEqual(['AMOUNT', 'EXPECTED_CLOSE_DATE']);
    const { dealLostReasons } = expectData(await t.gql(DealLostReasonsDocument, {}, { token: ws.member.token }));
    expect(dealLostReasons.map((r) => r.name)).toEqual(['Competitor', 'No budget', 'No decision', 'Price', 'Timing']);
  });

  it('an ADMIN creates a pipeline with ordered stages; its creation is in the settings history', async () => {
    const pipeline = await createPipeline(t, ws.admin.token, { name: 'Renewals', strictOrder: true });
    expect(pipeline).toMatchObject({ name: 'Renewals', strictOrder: true, isDefault: false, version: 1 });
    expect(pipeline.stages.map((s) => s.name)).toEqual(STANDARD_STAGES.map((s) => s.name));
    expect(pipeline.stages.map((s) => s.position)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(pipeline.stages[3].requiredFields).toEqual(['CONTACT', 'PRODUCT_LINE']);
    const history = expectData(await t.gql(SettingsHistoryDocument, { first: 5 }, { token: ws.admin.token })).settingsHistory;
    expect(history.nodes[0]).toMatchObject({ kind: 'SETTING_CREATED', recordType: 'SETTING', recordId: pipeline.id, data: { list: 'Pipeline', name: 'Renewals' } });
  });

  it('configuring pipelines needs ADMIN (a MANAGER is FORBIDDEN) or an API key with deals:write', async () => {
    const input = { name: `By manager ${Date.now()}`, stages: STANDARD_STAGES };
    const byManager = await t.gql(CreatePipelineDocument, { input }, { token: ws.manager.token });
    expect(byManager.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    const readKey = await createApiKey(t, ws.admin.token, ['deals:read']);
    expect((await t.gql(CreatePipelineDocument, { input }, { token: readKey })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(expectData(await t.gql(PipelinesDocument, {}, { token: readKey })).pipelines.length).toBeGreaterThan(0);
    const writeKey = await createApiKey(t, ws.admin.token, ['deals:write']);
    expect(expectData(await t.gql(CreatePipelineDocument, { input }, { token: writeKey })).createPipeline.name).toBe(input.name);
  });

  it.each<[string, string, PipelineStageInput[]]>([
    ['no WON stage', 'input.stages', STANDARD_STAGES.filter((s) => s.kind !== 'WON')],
    ['no LOST stage', 'input.stages', STANDARD_STAGES.filter((s) => s.kind !== 'LOST')],
    ['two stages of one name', 'input.stages.6.name', [...STANDARD_STAGES, { ...STANDARD_STAGES[0], name: 'lead IN' }]],
    ['a probability over 100', 'input.stages.0.probability', [{ ...STANDARD_STAGES[0], probability: '100.5' }, ...STANDARD_STAGES.slice(1)]],
    ['a negative probability', 'input.stages.0.probability', [{ ...STANDARD_STAGES[0], probability: '-1' }, ...STANDARD_STAGES.slice(1)]],
    ['an id on a new stage', 'input.stages.0.id', [{ ...STANDARD_STAGES[0], id: '00000000-0000-4000-8000-000000000000' }, ...STANDARD_STAGES.slice(1)]],
  ])('refuses a pipeline with %s (BAD_USER_INPUT naming %s) and writes nothing', async (_label, path, stages) => {
    const pipelines = await pipelineRows(ws.workspaceId);
    const stagesBefore = await stageRows(ws.workspaceId);
    const answer = await t.gql(CreatePipelineDocument, { input: { name: `Bad ${Math.random()}`, stages } }, { token: ws.admin.token });
    expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((answer.errors?.[0].extensions?.fields as { path: string }[]).map((f) => f.path)).toContain(path);
    expect(await pipelineRows(ws.workspaceId)).toBe(pipelines);
    expect(await stageRows(ws.workspaceId)).toBe(stagesBefore);
  });

  it('refuses a pipeline name already used in the workspace, ignoring case (CONFLICT NAME_TAKEN)', async () => {
    const first = await createPipeline(t, ws.admin.token);
    const clash = await t.gql(CreatePipelineDocument, { input: { name: first.name.toUpperCase(), stages: STANDARD_STAGES } }, { token: ws.admin.token });
    expect(clash.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NAME_TAKEN' });
    // Another workspace may use it.
    expect((await createPipeline(t, other.admin.token, { name: first.name })).name).toBe(first.name);
  });

  it('updatePipeline keeps stages named by id, adds new ones, removes the others, in the order given', async () => {
    const pipeline = await createPipeline(t, ws.admin.token);
    const [leadIn, qualified, proposal, negotiation, won, lost] = pipeline.stages;
    const stages: PipelineStageInput[] = [
      { id: qualified.id, name: 'Qualified!', probability: '35', kind: 'OPEN', requiredFields: ['CONTACT'] },
      { id: leadIn.id, name: leadIn.name, probability: leadIn.probability, kind: 'OPEN' },
      { name: 'Demo', probability: '50', kind: 'OPEN' },
      { id: won.id, name: won.name, probability: '100', kind: 'WON' },
      { id: lost.id, name: lost.name, probability: '0', kind: 'LOST' },
    ];
    const updated = expectData(
      await t.gql(UpdatePipelineDocument, { input: { id: pipeline.id, expectedVersion: 1, name: `${pipeline.name} v2`, strictOrder: true, stages } }, { token: ws.admin.token }),
    ).updatePipeline;
    expect(updated).toMatchObject({ name: `${pipeline.name} v2`, strictOrder: true, version: 2 });
    expect(updated.stages.map((s) => [s.name, s.position, s.probability])).toEqual([
      ['Qualified!', 0, '35'],
      ['Lead in', 1, '10'],
      ['Demo', 2, '50'],
      ['Won', 3, '100'],
      ['Lost', 4, '0'],
    ]);
    expect(updated.stages[0]).toMatchObject({ id: qualified.id, requiredFields: ['CONTACT'] });
    // The removed stages are kept (archived) for the history that names them.
    const removed = await t.app.db.query('SELECT id FROM pipeline_stages WHERE pipeline_id = $1 AND archived_at IS NOT NULL ORDER BY position', [pipeline.id]);
    expect(removed.map((r: { id: string }) => r.id)).toEqual([proposal.id, negotiation.id]);
    const history = expectData(await t.gql(SettingsHistoryDocument, { first: 1 }, { token: ws.admin.token })).settingsHistory;
    expect(history.nodes[0]).toMatchObject({ kind: 'SETTING_UPDATED', recordId: pipeline.id });
    expect(history.nodes[0].changes?.map((c) => c.field)).toEqual(['name', 'strictOrder', 'stages']);

    const stale = await t.gql(UpdatePipelineDocument, { input: { id: pipeline.id, expectedVersion: 1, name: 'Late' } }, { token: ws.admin.token });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'VERSION_MISMATCH', currentVersion: 2 });
  });

  it('refuses a stage id of another pipeline (BAD_USER_INPUT naming it), and another workspace\'s pipeline is NOT_FOUND', async () => {
    const mine = await createPipeline(t, ws.admin.token);
    const another = await createPipeline(t, ws.admin.token);
    const stages = [{ id: another.stages[0].id, name: 'Stolen', probability: '1', kind: 'OPEN' as const }, ...STANDARD_STAGES.slice(1)];
    const answer = await t.gql(UpdatePipelineDocument, { input: { id: mine.id, stages } }, { token: ws.admin.token });
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.stages.0.id' }] });
    const away = await t.gql(UpdatePipelineDocument, { input: { id: mine.id, name: 'Hijack' } }, { token: other.admin.token });
    expect(away.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const { pipelines } = expectData(await t.gql(PipelinesDocument, {}, { token: ws.member.token }));
    expect(pipelines.find((p) => p.id === mine.id)).toMatchObject({ name: mine.name, version: 1 });
  });

  it('one pipeline is the default: making another one the default moves the flag; the default cannot be archived', async () => {
    const fresh = await createWorkspace(t, 'Defaults');
    const [sales] = expectData(await t.gql(PipelinesDocument, {}, { token: fresh.admin.token })).pipelines;
    const second = await createPipeline(t, fresh.admin.token, { isDefault: true });
    expect(second.isDefault).toBe(true);
    let { pipelines } = expectData(await t.gql(PipelinesDocument, {}, { token: fresh.admin.token }));
    expect(pipelines.map((p) => [p.id, p.isDefault])).toEqual([[second.id, true], [sales.id, false]]);
    const refused = await t.gql(ArchivePipelineDocument, { input: { id: second.id } }, { token: fresh.admin.token });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.id' }] });
    const unset = await t.gql(UpdatePipelineDocument, { input: { id: second.id, isDefault: false } }, { token: fresh.admin.token });
    expect(unset.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.isDefault' }] });

    expectData(await t.gql(UpdatePipelineDocument, { input: { id: sales.id, isDefault: true } }, { token: fresh.admin.token }));
    const archived = expectData(await t.gql(ArchivePipelineDocument, { input: { id: second.id } }, { token: fresh.admin.token })).archivePipeline;
    expect(archived.archivedAt).not.toBeNull();
    ({ pipelines } = expectData(await t.gql(PipelinesDocument, {}, { token: fresh.admin.token })));
    expect(pipelines.map((p) => p.id)).toEqual([sales.id]);
    ({ pipelines } = expectData(await t.gql(PipelinesDocument, { includeArchived: true }, { token: fresh.admin.token })));
    expect(pipelines.map((p) => p.id)).toEqual([sales.id, second.id]);
  });

  it('lost reasons are a settings list: ADMIN adds one, names are unique ignoring case', async () => {
    const created = expectData(await t.gql(CreateDealLostReasonDocument, { input: { name: 'Went silent' } }, { token: ws.admin.token })).createDealLostReason;
    expect(created.name).toBe('Went silent');
    const clash = await t.gql(CreateDealLostReasonDocument, { input: { name: 'went SILENT' } }, { token: ws.admin.token });
    expect(clash.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NAME_TAKEN' });
    const byMember = await t.gql(CreateDealLostReasonDocument, { input: { name: 'Nope' } }, { token: ws.member.token });
    expect(byMember.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { dealLostReasons } = expectData(await t.gql(DealLostReasonsDocument, {}, { token: other.member.token }));
    expect(dealLostReasons.map((r) => r.name)).not.toContain('Went silent');
  });
});
