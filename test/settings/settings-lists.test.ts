import {
  ArchiveCharacteristicDefinitionDocument,
  ArchiveInterestAreaDocument,
  ArchiveRelationshipTypeDocument,
  CharacteristicDefinitionsDocument,
  CreateCharacteristicDefinitionDocument,
  CreateInterestAreaDocument,
  CreateRelationshipTypeDocument,
  InterestAreasDocument,
  RelationshipTypesDocument,
  SetAccountCharacteristicDocument,
  UpdateCharacteristicDefinitionDocument,
  UpdateInterestAreaDocument,
  UpdateRelationshipTypeDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import {
  codeOf,
  createCharacteristic,
  createInterestArea,
  createRelationshipType,
  fieldsOf,
  rowCount,
} from '../support/settings-factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('settings lists: relationship types, characteristic definitions and interest areas', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  it('an ADMIN creates, renames and archives entries; lists are by name and hide archived ones unless includeArchived', async () => {
    const token = ws.admin.token;
    const type = await createRelationshipType(t, token, { name: '  Parent of ', inverseName: 'Subsidiary of' });
    expect(type).toMatchObject({ name: 'Parent of', inverseName: 'Subsidiary of', archivedAt: null });
    const renamed = expectData(await t.gql(UpdateRelationshipTypeDocument, { input: { id: type.id, name: 'Holding of' } }, { token }));
    expect(renamed.updateRelationshipType).toMatchObject({ name: 'Holding of', inverseName: 'Subsidiary of' });
    const noInverse = expectData(await t.gql(UpdateRelationshipTypeDocument, { input: { id: type.id, inverseName: null } }, { token }));
    expect(noInverse.updateRelationshipType.inverseName).toBeNull();

    const area = await createInterestArea(t, token, 'Solar panels');
    expectData(await t.gql(UpdateInterestAreaDocument, { input: { id: area.id, name: 'Solar energy' } }, { token }));
    const definition = await createCharacteristic(t, token, { name: 'Employees', dataType: 'NUMBER', required: false });

    expectData(await t.gql(ArchiveRelationshipTypeDocument, { input: { id: type.id } }, { token }));
    expectData(await t.gql(ArchiveInterestAreaDocument, { input: { id: area.id } }, { token }));
    const archived = expectData(await t.gql(ArchiveCharacteristicDefinitionDocument, { input: { id: definition.id } }, { token }));
    expect(archived.archiveCharacteristicDefinition.archivedAt).not.toBeNull();

    const active = {
      types: expectData(await t.gql(RelationshipTypesDocument, {}, { token: ws.member.token })).relationshipTypes,
      areas: expectData(await t.gql(InterestAreasDocument, {}, { token: ws.member.token })).interestAreas,
      definitions: expectData(await t.gql(CharacteristicDefinitionsDocument, {}, { token: ws.member.token })).characteristicDefinitions,
    };
    expect(active.types.map((x) => x.id)).not.toContain(type.id);
    expect(active.areas.map((x) => x.id)).not.toContain(area.id);
    expect(active.definitions.map((x) => x.id)).not.toContain(definition.id);
    const all = {
      types: expectData(await t.gql(RelationshipTypesDocument, { includeArchived: true }, { token: ws.member.token })).relationshipTypes,
      areas: expectData(await t.gql(InterestAreasDocument, { includeArchived: true }, { token: ws.member.token })).interestAreas,
      definitions: expectData(await t.gql(CharacteristicDefinitionsDocument, { includeArchived: true }, { token: ws.member.token }))
        .characteristicDefinitions,
    };
    expect(all.types.find((x) => x.id === type.id)?.name).toBe('Holding of');
    expect(all.areas.find((x) => x.id === area.id)?.name).toBe('Solar energy');
    expect(all.definitions.find((x) => x.id === definition.id)?.archivedAt).not.toBeNull();
  });

  it('lists are sorted by name, ignoring case', async () => {
    await createInterestArea(t, ws.owner.token, 'zz last');
    await createInterestArea(t, ws.owner.token, 'AA first');
    const { interestAreas } = expectData(await t.gql(InterestAreasDocument, {}, { token: ws.owner.token }));
    const names = interestAreas.map((a) => a.name);
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });

  it('an empty name is BAD_USER_INPUT naming input.name; a duplicate name (any case, archived too) is CONFLICT', async () => {
    const token = ws.owner.token;
    const empty = await t.gql(CreateInterestAreaDocument, { input: { name: '   ' } }, { token });
    expect(codeOf(empty)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(empty)).toEqual(['input.name']);
    await createRelationshipType(t, token, { name: 'Partner' });
    const twin = await t.gql(CreateRelationshipTypeDocument, { input: { name: 'PARTNER' } }, { token });
    expect(codeOf(twin)).toBe('CONFLICT');
    const other = await createRelationshipType(t, token, { name: 'Supplier' });
    const rename = await t.gql(UpdateRelationshipTypeDocument, { input: { id: other.id, name: 'partner' } }, { token });
    expect(codeOf(rename)).toBe('CONFLICT');
    const old = await createCharacteristic(t, token, { name: 'Legacy code' });
    expectData(await t.gql(ArchiveCharacteristicDefinitionDocument, { input: { id: old.id } }, { token }));
    const reuse = await t.gql(CreateCharacteristicDefinitionDocument, { input: { name: 'Legacy code', dataType: 'TEXT' } }, { token });
    expect(codeOf(reuse)).toBe('CONFLICT');
  });

  it('an OPTION characteristic needs at least one distinct option, and other types take none (BAD_USER_INPUT, nothing written)', async () => {
    const token = ws.owner.token;
    const before = await rowCount(t, 'characteristic_definitions');
    const none = await t.gql(CreateCharacteristicDefinitionDocument, { input: { name: 'Size', dataType: 'OPTION' } }, { token });
    expect(codeOf(none)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(none)).toEqual(['input.options']);
    const repeated = await t.gql(
      CreateCharacteristicDefinitionDocument,
      { input: { name: 'Size', dataType: 'OPTION', options: ['Small', 'small', 'Large'] } },
      { token },
    );
    expect(fieldsOf(repeated)).toEqual(['input.options.1']);
    const blank = await t.gql(CreateCharacteristicDefinitionDocument, { input: { name: 'Size', dataType: 'OPTION', options: [' '] } }, { token });
    expect(fieldsOf(blank)).toEqual(['input.options.0']);
    const textWithOptions = await t.gql(
      CreateCharacteristicDefinitionDocument,
      { input: { name: 'Motto', dataType: 'TEXT', options: ['a'] } },
      { token },
    );
    expect(codeOf(textWithOptions)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(textWithOptions)).toEqual(['input.options']);
    expect(await rowCount(t, 'characteristic_definitions')).toBe(before);
    const size = await createCharacteristic(t, token, { name: 'Size', dataType: 'OPTION', options: [' Small ', 'Large'] });
    expect(size.options).toEqual(['Small', 'Large']);
    const emptied = await t.gql(UpdateCharacteristicDefinitionDocument, { input: { id: size.id, options: [] } }, { token });
    expect(fieldsOf(emptied)).toEqual(['input.options']);
  });

  it('the data type of a characteristic with values can\'t change (CONFLICT); without values it can', async () => {
    const token = ws.owner.token;
    const unused = await createCharacteristic(t, token, { name: 'Free', dataType: 'TEXT' });
    const retyped = expectData(
      await t.gql(UpdateCharacteristicDefinitionDocument, { input: { id: unused.id, dataType: 'OPTION', options: ['A', 'B'] } }, { token }),
    );
    expect(retyped.updateCharacteristicDefinition).toMatchObject({ dataType: 'OPTION', options: ['A', 'B'] });
    const back = expectData(await t.gql(UpdateCharacteristicDefinitionDocument, { input: { id: unused.id, dataType: 'BOOLEAN' } }, { token }));
    expect(back.updateCharacteristicDefinition).toMatchObject({ dataType: 'BOOLEAN', options: [] });

    const used = await createCharacteristic(t, token, { name: 'Revenue', dataType: 'NUMBER' });
    const account = await createAccount(t, token);
    expectData(await t.gql(SetAccountCharacteristicDocument, { input: { accountId: account.id, value: { definitionId: used.id, number: '10' } } }, { token }));
    const conflict = await t.gql(UpdateCharacteristicDefinitionDocument, { input: { id: used.id, dataType: 'TEXT' } }, { token });
    expect(codeOf(conflict)).toBe('CONFLICT');
    const { characteristicDefinitions } = expectData(await t.gql(CharacteristicDefinitionsDocument, {}, { token }));
    expect(characteristicDefinitions.find((d) => d.id === used.id)?.dataType).toBe('NUMBER');
  });

  it('options in use by accounts can\'t be removed (CONFLICT); unused ones can, and new ones can be added', async () => {
    const token = ws.owner.token;
    const tier = await createCharacteristic(t, token, { name: 'Tier', dataType: 'OPTION', options: ['Gold', 'Silver', 'Bronze'] });
    const account = await createAccount(t, token);
    expectData(await t.gql(SetAccountCharacteristicDocument, { input: { accountId: account.id, value: { definitionId: tier.id, option: 'Gold' } } }, { token }));
    const conflict = await t.gql(UpdateCharacteristicDefinitionDocument, { input: { id: tier.id, options: ['Silver'] } }, { token });
    expect(codeOf(conflict)).toBe('CONFLICT');
    expect(conflict.errors?.[0].extensions?.options).toEqual(['Gold']);
    const ok = expectData(
      await t.gql(UpdateCharacteristicDefinitionDocument, { input: { id: tier.id, options: ['Gold', 'Platinum'], required: true } }, { token }),
    );
    expect(ok.updateCharacteristicDefinition).toMatchObject({ options: ['Gold', 'Platinum'], required: true });
  });

  it('MEMBER and MANAGER get FORBIDDEN on every settings mutation, and nothing is written', async () => {
    const type = await createRelationshipType(t, ws.owner.token, { name: 'Guarantor of' });
    const definition = await createCharacteristic(t, ws.owner.token, { name: 'Segment' });
    const area = await createInterestArea(t, ws.owner.token, 'Logistics');
    const tables = ['relationship_types', 'characteristic_definitions', 'interest_areas'];
    const before = await Promise.all(tables.map((table) => rowCount(t, table)));
    for (const token of [ws.member.token, ws.manager.token]) {
      const results = [
        await t.gql(CreateRelationshipTypeDocument, { input: { name: 'Nope' } }, { token }),
        await t.gql(UpdateRelationshipTypeDocument, { input: { id: type.id, name: 'Nope' } }, { token }),
        await t.gql(ArchiveRelationshipTypeDocument, { input: { id: type.id } }, { token }),
        await t.gql(CreateCharacteristicDefinitionDocument, { input: { name: 'Nope', dataType: 'TEXT' } }, { token }),
        await t.gql(UpdateCharacteristicDefinitionDocument, { input: { id: definition.id, name: 'Nope' } }, { token }),
        await t.gql(ArchiveCharacteristicDefinitionDocument, { input: { id: definition.id } }, { token }),
        await t.gql(CreateInterestAreaDocument, { input: { name: 'Nope' } }, { token }),
        await t.gql(UpdateInterestAreaDocument, { input: { id: area.id, name: 'Nope' } }, { token }),
        await t.gql(ArchiveInterestAreaDocument, { input: { id: area.id } }, { token }),
      ];
      expect(results.map(codeOf)).toEqual(Array(9).fill('FORBIDDEN'));
    }
    expect(await Promise.all(tables.map((table) => rowCount(t, table)))).toEqual(before);
    const rows = await t.app.db.query(
      `SELECT name, archived_at FROM relationship_types WHERE id = $1
       UNION ALL SELECT name, archived_at FROM characteristic_definitions WHERE id = $2
       UNION ALL SELECT name, archived_at FROM interest_areas WHERE id = $3`,
      [type.id, definition.id, area.id],
    );
    expect(rows).toEqual([
      { name: 'Guarantor of', archived_at: null },
      { name: 'Segment', archived_at: null },
      { name: 'Logistics', archived_at: null },
    ]);
  });

  it('an API key edits settings with accounts:write; with accounts:read it only lists them', async () => {
    const writer = await createApiKey(t, ws.owner.token, ['accounts:write']);
    const reader = await createApiKey(t, ws.owner.token, ['accounts:read']);
    expectData(await t.gql(CreateInterestAreaDocument, { input: { name: 'Made by key' } }, { token: writer }));
    const refused = await t.gql(CreateInterestAreaDocument, { input: { name: 'Not by reader' } }, { token: reader });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    const { interestAreas } = expectData(await t.gql(InterestAreasDocument, {}, { token: reader }));
    expect(interestAreas.map((a) => a.name)).toContain('Made by key');
    expect(interestAreas.map((a) => a.name)).not.toContain('Not by reader');
  });
});

describe('settings lists: tenant isolation', () => {
  let t: TestApp;
  let a: TestWorkspace;
  let b: TestWorkspace;
  let bKey: string;
  beforeAll(async () => {
    t = await startTestApp();
    a = await createWorkspace(t, 'A');
    b = await createWorkspace(t, 'B');
    bKey = await createApiKey(t, b.owner.token, ['accounts:write']);
  });
  afterAll(() => t.stop());

  it('another workspace\'s owner and API key see none of A\'s entries and get NOT_FOUND updating or archiving them', async () => {
    const type = await createRelationshipType(t, a.owner.token, { name: 'A parent' });
    const definition = await createCharacteristic(t, a.owner.token, { name: 'A characteristic' });
    const area = await createInterestArea(t, a.owner.token, 'A area');
    for (const token of [b.owner.token, bKey]) {
      for (const includeArchived of [false, true]) {
        const types = expectData(await t.gql(RelationshipTypesDocument, { includeArchived }, { token })).relationshipTypes;
        const definitions = expectData(await t.gql(CharacteristicDefinitionsDocument, { includeArchived }, { token })).characteristicDefinitions;
        const areas = expectData(await t.gql(InterestAreasDocument, { includeArchived }, { token })).interestAreas;
        expect([...types, ...definitions, ...areas]).toEqual([]);
      }
      const results = [
        await t.gql(UpdateRelationshipTypeDocument, { input: { id: type.id, name: 'Stolen' } }, { token }),
        await t.gql(ArchiveRelationshipTypeDocument, { input: { id: type.id } }, { token }),
        await t.gql(UpdateCharacteristicDefinitionDocument, { input: { id: definition.id, name: 'Stolen' } }, { token }),
        await t.gql(ArchiveCharacteristicDefinitionDocument, { input: { id: definition.id } }, { token }),
        await t.gql(UpdateInterestAreaDocument, { input: { id: area.id, name: 'Stolen' } }, { token }),
        await t.gql(ArchiveInterestAreaDocument, { input: { id: area.id } }, { token }),
      ];
      expect(results.map(codeOf)).toEqual(Array(6).fill('NOT_FOUND'));
      expect(results.every((r) => r.data === null)).toBe(true);
    }
    const names = [
      expectData(await t.gql(RelationshipTypesDocument, {}, { token: a.owner.token })).relationshipTypes.map((x) => x.name),
      expectData(await t.gql(CharacteristicDefinitionsDocument, {}, { token: a.owner.token })).characteristicDefinitions.map((x) => x.name),
      expectData(await t.gql(InterestAreasDocument, {}, { token: a.owner.token })).interestAreas.map((x) => x.name),
    ];
    expect(names).toEqual([['A parent'], ['A characteristic'], ['A area']]);
  });

  it('the same names may exist in two workspaces', async () => {
    await createInterestArea(t, a.owner.token, 'Shared name');
    const other = await createInterestArea(t, b.owner.token, 'Shared name');
    expect(other.name).toBe('Shared name');
  });
});
