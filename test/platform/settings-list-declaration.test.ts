import { isObjectType, printSchema, type GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, InputType, ObjectType, Resolver, buildSchema } from 'type-graphql';
import { z } from 'zod';
import { authChecker, type GuardRule } from '../../src/platform/auth/guard';
import { SettingEntry } from '../../src/platform/settings/setting-entry';
import { defineSettingsList, labelOf, settingNameSchema } from '../../src/platform/settings/settings-list';
import { settingsListResolver } from '../../src/platform/settings/settings-list.resolver';
import { Role } from '../../src/identity/roles';

// A new settings list, as a domain would declare it (a lost reason of the future leads domain): entity, inputs,
// the declaration and a resolver. Its table and service wiring are the only other steps (see README).
@ObjectType({ description: 'Why a lead was lost.' })
class LostReason extends SettingEntry {
  @Field() name: string;
}
@InputType()
class CreateLostReasonInput {
  @Field() name: string;
}
@InputType()
class UpdateLostReasonInput {
  @Field() id: string;
  @Field(() => String, { nullable: true }) name?: string | null;
}
const lostReasons = defineSettingsList({
  entity: LostReason,
  plural: 'lostReasons',
  guard: { read: { scope: 'leads:read' }, write: { scope: 'leads:write', role: Role.ADMIN } },
  create: { input: CreateLostReasonInput, schema: z.object({ name: settingNameSchema }) },
  update: { input: UpdateLostReasonInput, schema: z.object({ id: z.string(), name: settingNameSchema.nullable().optional() }) },
  descriptions: { list: 'Lost reasons of the workspace, by name.', archive: 'Closed leads keep it; new closings can\'t use it.' },
});
@Resolver()
class LostReasonsResolver extends settingsListResolver(lostReasons, () => {
  throw new Error('not called: this test only builds the schema');
}) {}

describe('a settings list declared in a few lines', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildSchema({
      resolvers: [LostReasonsResolver],
      authChecker,
      authMode: 'error',
      scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
      validate: false,
    });
  });

  it('gets the list query and the create, update and archive mutations, named after the entity', () => {
    // Arguments and their descriptions stripped, so the signatures read as one line each.
    const sdl = printSchema(schema).replace(/"""[^"]*"""\s*/g, '').replace(/\(\s+/g, '(').replace(/\s+\)/g, ')');
    expect(sdl).toContain('lostReasons(includeArchived: Boolean! = false): [LostReason!]!');
    expect(sdl).toContain('createLostReason(input: CreateLostReasonInput!): LostReason!');
    expect(sdl).toContain('updateLostReason(input: UpdateLostReasonInput!): LostReason!');
    expect(sdl).toContain('archiveLostReason(input: SettingIdInput!): LostReason!');
    expect(Object.keys(schema.getMutationType()?.getFields() ?? {}).sort()).toEqual(['archiveLostReason', 'createLostReason', 'updateLostReason']);
  });

  it('guards the query with the read rule and the mutations with the write rule; the descriptions state who may call them and their errors', () => {
    const query = schema.getQueryType();
    const mutation = schema.getMutationType();
    if (!isObjectType(query) || !isObjectType(mutation)) throw new Error('no root types');
    const list = query.getFields().lostReasons;
    expect(list.extensions.guard).toEqual({ scope: 'leads:read' });
    expect(list.description).toBe('Lost reasons of the workspace, by name. Any member, or an API key with leads:read (else FORBIDDEN).');
    expect(list.args.find((arg) => arg.name === 'includeArchived')?.description).toBe('Include archived entries too (default false).');
    const fields = mutation.getFields();
    for (const name of ['createLostReason', 'updateLostReason', 'archiveLostReason']) {
      expect([name, fields[name].extensions.guard as GuardRule]).toEqual([name, { scope: 'leads:write', role: Role.ADMIN }]);
    }
    expect(fields.createLostReason.description).toBe(
      'Requires ADMIN or above, or an API key with leads:write (else FORBIDDEN). Adds a lost reason to the list. ' +
        'Errors: BAD_USER_INPUT (extensions.fields) for invalid fields; ' +
        'CONFLICT (NAME_TAKEN) when another lost reason has the name (ignoring case, archived ones included).',
    );
    expect(fields.updateLostReason.description).toContain('NOT_FOUND when the lost reason is not of the caller\'s workspace');
    expect(fields.archiveLostReason.description).toBe(
      'Requires ADMIN or above, or an API key with leads:write (else FORBIDDEN). Closed leads keep it; new closings can\'t use it. ' +
        'Archiving twice is not an error. Errors: NOT_FOUND when the lost reason is not of the caller\'s workspace.',
    );
  });

  it('names its entries in errors and the settings history after the entity, unless told otherwise', () => {
    expect(labelOf(lostReasons)).toBe('Lost reason');
    expect(labelOf({ ...lostReasons, label: 'Reason for losing' })).toBe('Reason for losing');
  });
});
