import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import {
  BooleanFilter,
  DateFilter,
  DateTimeFilter,
  DecimalFilter,
  IdFilter,
  StringFilter,
} from '../platform/filtering/filter-inputs';
import { SqlFilter } from '../platform/filtering/sql-filter';
import type { SortKey } from '../platform/pagination/keyset';
import { OrderDirection, sortKeysOf } from '../platform/pagination/ordering';
import { AccountType } from './account-type';
import type { Account } from './account.entity';
import { InterestKind } from './interests/interest-area.entity';

@InputType()
export class AccountTypeFilter {
  @Field(() => AccountType, { nullable: true }) eq?: AccountType | null;
  @Field(() => AccountType, { nullable: true }) ne?: AccountType | null;
  @Field(() => [AccountType], { nullable: true }) in?: AccountType[] | null;
  @Field(() => [AccountType], { nullable: true }) notIn?: AccountType[] | null;
}

@InputType()
export class InterestKindFilter {
  @Field(() => InterestKind, { nullable: true }) eq?: InterestKind | null;
  @Field(() => [InterestKind], { nullable: true }) in?: InterestKind[] | null;
}

@InputType({
  description: 'Matches accounts whose value of one characteristic satisfies the typed condition (with no condition: that have a value).',
})
export class CharacteristicFilter {
  @Field(() => ID) definitionId: string;
  @Field(() => StringFilter, { nullable: true, description: 'For TEXT and OPTION characteristics.' }) text?: StringFilter | null;
  @Field(() => DecimalFilter, { nullable: true }) number?: DecimalFilter | null;
  @Field(() => DateFilter, { nullable: true }) date?: DateFilter | null;
  @Field(() => BooleanFilter, { nullable: true }) boolean?: BooleanFilter | null;
  @Field(() => Boolean, { nullable: true, description: 'true: has a value; false: has none.' }) isSet?: boolean | null;
}

@InputType({ description: 'Matches accounts having an interest record that satisfies every given condition.' })
export class AccountInterestFilter {
  @Field(() => IdFilter, { nullable: true }) areaId?: IdFilter | null;
  @Field(() => InterestKindFilter, { nullable: true }) kind?: InterestKindFilter | null;
}

@InputType({ description: 'Matches accounts linked (either direction) by a relationship satisfying every given condition.' })
export class AccountRelationshipFilter {
  @Field(() => IdFilter, { nullable: true }) typeId?: IdFilter | null;
  @Field(() => IdFilter, { nullable: true }) otherAccountId?: IdFilter | null;
}

@InputType({ description: 'Matches accounts having a (non-archived) contact that satisfies every given condition.' })
export class AccountContactFilter {
  @Field(() => StringFilter, { nullable: true }) firstName?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) lastName?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) position?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Any of the contact\'s emails.' }) email?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Any of the contact\'s phones (E.164).' }) phone?: StringFilter | null;
}

@InputType({ description: 'Typed account conditions; fields combine with AND; use and / or / not to compose.' })
export class AccountFilter {
  @Field(() => [AccountFilter], { nullable: true }) and?: AccountFilter[] | null;
  @Field(() => [AccountFilter], { nullable: true }) or?: AccountFilter[] | null;
  @Field(() => AccountFilter, { nullable: true }) not?: AccountFilter | null;
  @Field(() => IdFilter, { nullable: true }) id?: IdFilter | null;
  @Field(() => StringFilter, { nullable: true }) name?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) legalName?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) taxId?: StringFilter | null;
  @Field(() => AccountTypeFilter, { nullable: true }) type?: AccountTypeFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Any of the account\'s emails.' }) email?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Any of the account\'s phones (E.164).' }) phone?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) website?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) industry?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) notes?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) externalId?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Billing address city.' }) city?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Billing address country.' }) country?: StringFilter | null;
  @Field(() => IdFilter, { nullable: true, description: 'Any owner (primary or secondary).' }) ownerId?: IdFilter | null;
  @Field(() => IdFilter, { nullable: true }) primaryOwnerId?: IdFilter | null;
  @Field(() => IdFilter, { nullable: true, description: 'Owned by someone in this team.' }) teamId?: IdFilter | null;
  @Field(() => Boolean, { nullable: true, description: 'Archived accounts are left out unless this is given.' })
  archived?: boolean | null;
  @Field(() => DateTimeFilter, { nullable: true }) createdAt?: DateTimeFilter | null;
  @Field(() => DateTimeFilter, { nullable: true }) updatedAt?: DateTimeFilter | null;
  @Field(() => [CharacteristicFilter], { nullable: true }) characteristics?: CharacteristicFilter[] | null;
  @Field(() => AccountInterestFilter, { nullable: true }) interest?: AccountInterestFilter | null;
  @Field(() => AccountRelationshipFilter, { nullable: true }) relationship?: AccountRelationshipFilter | null;
  @Field(() => AccountContactFilter, { nullable: true }) hasContact?: AccountContactFilter | null;
}

export enum AccountOrderField {
  NAME = 'NAME',
  LEGAL_NAME = 'LEGAL_NAME',
  TYPE = 'TYPE',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(AccountOrderField, { name: 'AccountOrderField' });

@InputType()
export class AccountOrder {
  @Field(() => AccountOrderField) field: AccountOrderField;
  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC }) direction: OrderDirection;
}

const ORDER_KEYS: Record<AccountOrderField, Omit<SortKey<Account>, 'direction'>> = {
  NAME: { sql: 'a.name', type: 'text', value: (a) => a.name },
  LEGAL_NAME: { sql: "COALESCE(a.legal_name, '')", type: 'text', value: (a) => a.legalName ?? '' },
  TYPE: { sql: 'a.type', type: 'text', value: (a) => a.type },
  CREATED_AT: { sql: 'a.created_at', type: 'timestamp', value: (a) => a.createdAt },
  UPDATED_AT: { sql: 'a.updated_at', type: 'timestamp', value: (a) => a.updatedAt },
};

/** Sort keys for an account list (by name unless told otherwise), ending with the id. */
export const accountSortKeys = (orderBy: AccountOrder[] | null | undefined): SortKey<Account>[] =>
  sortKeysOf(orderBy, [{ field: AccountOrderField.NAME, direction: OrderDirection.ASC }], ORDER_KEYS, 'a.id');

/** Compiles an AccountFilter against the account alias `a` (relation filters become EXISTS sub-queries). */
export function compileAccountFilter(sql: SqlFilter, filter: AccountFilter | null | undefined, path = 'filter'): string | null {
  if (!filter) return null;
  const characteristicConditions = (filter.characteristics ?? []).map((c, i) => {
    SqlFilter.requireId(`${path}.characteristics[${i}].definitionId`, c.definitionId);
    const exists = (inner: string | null) =>
      `EXISTS (SELECT 1 FROM account_characteristics ac WHERE ac.workspace_id = a.workspace_id AND ac.account_id = a.id
         AND ac.definition_id = ${sql.param(c.definitionId)}${inner ? ` AND ${inner}` : ''})`;
    const typed = SqlFilter.and([
      sql.string('ac.text_value', c.text),
      sql.range('ac.number_value', c.number, '::numeric'),
      sql.range('ac.date_value', c.date, '::date'),
      sql.boolean('ac.boolean_value', c.boolean),
    ]);
    // A condition naming only the characteristic means "has a value" (as `isSet: true` does).
    const isSet = c.isSet ?? (typed ? null : true);
    return SqlFilter.and([
      typed ? exists(typed) : null,
      isSet == null ? null : isSet ? exists(null) : `NOT ${exists(null)}`,
    ]);
  });
  const interest = filter.interest
    ? `EXISTS (SELECT 1 FROM account_interests ai WHERE ai.workspace_id = a.workspace_id AND ai.account_id = a.id${
        prefixAnd(SqlFilter.and([sql.id('ai.area_id', filter.interest.areaId, `${path}.interest.areaId`), sql.enumeration('ai.kind', filter.interest.kind)]))
      })`
    : null;
  const relationship = filter.relationship
    ? `EXISTS (SELECT 1 FROM account_relationships ar WHERE ar.workspace_id = a.workspace_id
         AND (ar.from_account_id = a.id OR ar.to_account_id = a.id)${prefixAnd(
           SqlFilter.and([
             sql.id('ar.type_id', filter.relationship.typeId, `${path}.relationship.typeId`),
             sql.id('(CASE WHEN ar.from_account_id = a.id THEN ar.to_account_id ELSE ar.from_account_id END)', filter.relationship.otherAccountId, `${path}.relationship.otherAccountId`),
           ]),
         )})`
    : null;
  const contact = filter.hasContact
    ? `EXISTS (SELECT 1 FROM contacts hc WHERE hc.workspace_id = a.workspace_id AND hc.account_id = a.id AND hc.archived_at IS NULL${prefixAnd(
        SqlFilter.and([
          sql.string('hc.first_name', filter.hasContact.firstName),
          sql.string('hc.last_name', filter.hasContact.lastName),
          sql.string('hc.position', filter.hasContact.position),
          sql.anyOfArray('hc.emails', filter.hasContact.email),
          sql.anyOfArray('hc.phones', filter.hasContact.phone),
        ]),
      )})`
    : null;
  const owner = (column: string, condition: string | null) =>
    condition
      ? `EXISTS (SELECT 1 FROM account_owners fo WHERE fo.workspace_id = a.workspace_id AND fo.account_id = a.id${column} AND ${condition})`
      : null;
  return SqlFilter.and([
    ...(filter.and ?? []).map((f, i) => compileAccountFilter(sql, f, `${path}.and[${i}]`)),
    filter.or?.length ? SqlFilter.or(filter.or.map((f, i) => compileAccountFilter(sql, f, `${path}.or[${i}]`) ?? 'TRUE')) : null,
    filter.not ? `NOT (${compileAccountFilter(sql, filter.not, `${path}.not`) ?? 'TRUE'})` : null,
    sql.id('a.id', filter.id, `${path}.id`),
    sql.string('a.name', filter.name),
    sql.string('a.legal_name', filter.legalName),
    sql.string('a.tax_id', filter.taxId),
    sql.enumeration('a.type', filter.type),
    sql.anyOfArray('a.emails', filter.email),
    sql.anyOfArray('a.phones', filter.phone),
    sql.string('a.website', filter.website),
    sql.string('a.industry', filter.industry),
    sql.string('a.notes', filter.notes),
    sql.string('a.external_id', filter.externalId),
    sql.string("(a.billing_address ->> 'city')", filter.city),
    sql.string("(a.billing_address ->> 'country')", filter.country),
    owner('', sql.id('fo.membership_id', filter.ownerId, `${path}.ownerId`)),
    owner(' AND fo.is_primary', sql.id('fo.membership_id', filter.primaryOwnerId, `${path}.primaryOwnerId`)),
    filter.teamId
      ? `EXISTS (SELECT 1 FROM account_owners fto JOIN team_members ftm ON ftm.membership_id = fto.membership_id AND ftm.workspace_id = fto.workspace_id
           WHERE fto.workspace_id = a.workspace_id AND fto.account_id = a.id AND ${sql.id('ftm.team_id', filter.teamId, `${path}.teamId`) ?? 'TRUE'})`
      : null,
    filter.archived == null ? null : filter.archived ? 'a.archived_at IS NOT NULL' : 'a.archived_at IS NULL',
    sql.range('a.created_at', filter.createdAt),
    sql.range('a.updated_at', filter.updatedAt),
    ...characteristicConditions,
    interest,
    relationship,
    contact,
  ]);
}

const prefixAnd = (condition: string | null): string => (condition ? ` AND ${condition}` : '');

/** Whether the filter (anywhere in it) says something about archived state. */
export function mentionsArchived(filter: AccountFilter | null | undefined): boolean {
  if (!filter) return false;
  if (filter.archived != null) return true;
  return [...(filter.and ?? []), ...(filter.or ?? []), ...(filter.not ? [filter.not] : [])].some(mentionsArchived);
}
