import { Field, ID, InputType } from 'type-graphql';
import { defineConditions, defineFilterable, exists } from '../platform/filtering/define-filterable';
import {
  custom,
  existsSql,
  enumeration,
  enumFilterInput,
  presence,
  text,
  textList,
  timestamp,
  uuid,
  type RelatedRows,
} from '../platform/filtering/filter-fields';
import { BooleanFilter, DateFilter, DecimalFilter, StringFilter } from '../platform/filtering/filter-inputs';
import { SqlFilter } from '../platform/filtering/sql-filter';
import { defineOrdering, OrderDirection } from '../platform/pagination/ordering';
import { AccountType } from './account-type';
import type { Account } from './account.entity';
import { InterestKind } from './interests/interest-area.entity';

export const AccountTypeFilter = enumFilterInput(AccountType, 'AccountTypeFilter');
export const InterestKindFilter = enumFilterInput(InterestKind, 'InterestKindFilter', ['eq', 'in']);

@InputType({
  description: 'Matches accounts whose value of one characteristic satisfies the typed condition (with no condition: that have a value).',
})
export class CharacteristicFilter {
  @Field(() => ID, { description: 'The characteristic definition (a uuid; else BAD_USER_INPUT).' }) definitionId: string;
  @Field(() => StringFilter, { nullable: true, description: 'For TEXT and OPTION characteristics.' }) text?: StringFilter | null;
  @Field(() => DecimalFilter, { nullable: true, description: 'For NUMBER characteristics.' }) number?: DecimalFilter | null;
  @Field(() => DateFilter, { nullable: true, description: 'For DATE characteristics.' }) date?: DateFilter | null;
  @Field(() => BooleanFilter, { nullable: true, description: 'For BOOLEAN characteristics.' }) boolean?: BooleanFilter | null;
  @Field(() => Boolean, { nullable: true, description: 'true: has a value; false: has none.' }) isSet?: boolean | null;
}

/** Each condition is an EXISTS over the account's value of that characteristic (alias `ac`). */
function characteristicConditions(sql: SqlFilter, conditions: CharacteristicFilter[], path: string): string | null {
  return SqlFilter.and(
    conditions.map((c, i) => {
      SqlFilter.requireId(`${path}[${i}].definitionId`, c.definitionId);
      const values: RelatedRows = {
        from: 'account_characteristics ac',
        where: `ac.workspace_id = a.workspace_id AND ac.account_id = a.id AND ac.definition_id = ${sql.param(c.definitionId)}`,
      };
      const typed = SqlFilter.and([
        sql.string('ac.text_value', c.text),
        sql.range('ac.number_value', c.number, '::numeric'),
        sql.range('ac.date_value', c.date, '::date'),
        sql.boolean('ac.boolean_value', c.boolean),
      ]);
      // A condition naming only the characteristic means "has a value" (as `isSet: true` does).
      const isSet = c.isSet ?? (typed ? null : true);
      return SqlFilter.and([
        typed ? existsSql(values, typed) : null,
        isSet == null ? null : isSet ? existsSql(values, null) : `NOT ${existsSql(values, null)}`,
      ]);
    }),
  );
}

const interestConditions = defineConditions({
  name: 'AccountInterestFilter',
  description: 'Matches accounts having an interest record that satisfies every given condition.',
  fields: {
    areaId: uuid('ai.area_id', { description: 'The interest area.' }),
    kind: enumeration('ai.kind', InterestKindFilter, { description: 'Interest, disinterest or unmet need.' }),
  },
});

const relationshipConditions = defineConditions({
  name: 'AccountRelationshipFilter',
  description: 'Matches accounts linked (either direction) by a relationship satisfying every given condition.',
  fields: {
    typeId: uuid('ar.type_id', { description: 'The relationship type.' }),
    otherAccountId: uuid('(CASE WHEN ar.from_account_id = a.id THEN ar.to_account_id ELSE ar.from_account_id END)', {
      description: 'The account at the other end of the link.',
    }),
  },
});

const contactConditions = defineConditions({
  name: 'AccountContactFilter',
  description: 'Matches accounts having a (non-archived) contact that satisfies every given condition.',
  fields: {
    firstName: text('hc.first_name', { description: 'The contact\'s first name.' }),
    lastName: text('hc.last_name', { description: 'The contact\'s last name.' }),
    position: text('hc.position', { description: 'The contact\'s position (job title).' }),
    email: textList('hc.emails', { description: 'Any of the contact\'s emails.' }),
    phone: textList('hc.phones', { description: 'Any of the contact\'s phones (E.164).' }),
  },
});

const owners = (only = ''): RelatedRows => ({
  from: 'account_owners fo',
  where: `fo.workspace_id = a.workspace_id AND fo.account_id = a.id${only}`,
});

/** Account conditions against the account alias `a` (relation conditions become EXISTS sub-queries). */
export const accountFilter = defineFilterable({
  name: 'AccountFilter',
  description: 'Typed account conditions; fields combine with AND; use and / or / not to compose.',
  fields: {
    id: uuid('a.id', { description: 'The account\'s id.' }),
    name: text('a.name', { description: 'The display name.' }),
    legalName: text('a.legal_name', { description: 'The legal name.' }),
    taxId: text('a.tax_id', { description: 'The tax id, in its stored canonical form (upper case, no separators).' }),
    type: enumeration('a.type', AccountTypeFilter, { description: 'The account type.' }),
    email: textList('a.emails', { description: 'Any of the account\'s emails (stored lower case).' }),
    phone: textList('a.phones', { description: 'Any of the account\'s phones (E.164, e.g. startsWith: "+34").' }),
    website: text('a.website', { description: 'The web address (stored with its scheme).' }),
    industry: text('a.industry', { description: 'The industry.' }),
    notes: text('a.notes', { description: 'The notes.' }),
    externalId: text('a.external_id', { description: 'The integrator\'s id.' }),
    city: text("(a.billing_address ->> 'city')", { description: 'Billing address city.' }),
    country: text("(a.billing_address ->> 'country')", { description: 'Billing address country (ISO 3166-1 alpha-2, upper case).' }),
    ownerId: uuid('fo.membership_id', { within: owners(), description: 'Any owner (primary or secondary).' }),
    primaryOwnerId: uuid('fo.membership_id', { within: owners(' AND fo.is_primary'), description: 'The primary owner.' }),
    teamId: uuid('ftm.team_id', {
      description: 'Owned (primary or secondary) by someone in this team.',
      within: {
        from: 'account_owners fto JOIN team_members ftm ON ftm.membership_id = fto.membership_id AND ftm.workspace_id = fto.workspace_id',
        where: 'fto.workspace_id = a.workspace_id AND fto.account_id = a.id',
      },
    }),
    archived: presence('a.archived_at', { description: 'Archived accounts are left out unless this is given.' }),
    createdAt: timestamp('a.created_at', { description: 'When the account was created.' }),
    updatedAt: timestamp('a.updated_at', { description: 'When the account last changed.' }),
    characteristics: custom(() => [CharacteristicFilter], characteristicConditions, {
      description: 'Conditions on characteristic values; every one must hold.',
    }),
    interest: exists(
      interestConditions,
      { from: 'account_interests ai', where: 'ai.workspace_id = a.workspace_id AND ai.account_id = a.id' },
      { description: 'Has an interest, disinterest or unmet need matching these conditions.' },
    ),
    relationship: exists(
      relationshipConditions,
      {
        from: 'account_relationships ar',
        where: 'ar.workspace_id = a.workspace_id AND (ar.from_account_id = a.id OR ar.to_account_id = a.id)',
      },
      { description: 'Has a link to another account matching these conditions.' },
    ),
    hasContact: exists(
      contactConditions,
      {
        from: 'contacts hc',
        where: 'hc.workspace_id = a.workspace_id AND hc.account_id = a.id AND hc.archived_at IS NULL',
      },
      { description: 'Has a non-archived contact matching these conditions.' },
    ),
  },
});
export const AccountFilter = accountFilter.Input;
export type AccountFilter = InstanceType<typeof AccountFilter>;

/** Account orderings (by name unless told otherwise), ending with the id. */
export const accountOrdering = defineOrdering({
  name: 'AccountOrder',
  alias: 'a',
  keys: {
    NAME: { sql: 'a.name', type: 'text', value: (a: Account) => a.name, description: 'By display name.' },
    LEGAL_NAME: {
      sql: "COALESCE(a.legal_name, '')",
      type: 'text',
      value: (a: Account) => a.legalName ?? '',
      description: 'By legal name (accounts without one first, ascending).',
    },
    TYPE: { sql: 'a.type', type: 'text', value: (a: Account) => a.type, description: 'By type name (CUSTOMER, LEAD, OTHER, PROSPECT).' },
    CREATED_AT: { sql: 'a.created_at', type: 'timestamp', value: (a: Account) => a.createdAt, description: 'By creation time.' },
    UPDATED_AT: { sql: 'a.updated_at', type: 'timestamp', value: (a: Account) => a.updatedAt, description: 'By last change.' },
  },
  defaults: [{ field: 'NAME', direction: OrderDirection.ASC }],
});
export const AccountOrder = accountOrdering.Input;
export type AccountOrder = InstanceType<typeof AccountOrder>;
