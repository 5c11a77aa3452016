import { Field, InputType, registerEnumType } from 'type-graphql';
import { DateTimeFilter, IdFilter, StringFilter } from '../platform/filtering/filter-inputs';
import { SqlFilter } from '../platform/filtering/sql-filter';
import type { SortKey } from '../platform/pagination/keyset';
import { OrderDirection, sortKeysOf } from '../platform/pagination/ordering';
import { AccountFilter, compileAccountFilter } from './account.filter';
import type { Contact } from './contact.entity';

@InputType({ description: 'Typed contact conditions; fields combine with AND; use and / or / not to compose.' })
export class ContactFilter {
  @Field(() => [ContactFilter], { nullable: true }) and?: ContactFilter[] | null;
  @Field(() => [ContactFilter], { nullable: true }) or?: ContactFilter[] | null;
  @Field(() => ContactFilter, { nullable: true }) not?: ContactFilter | null;
  @Field(() => IdFilter, { nullable: true }) id?: IdFilter | null;
  @Field(() => StringFilter, { nullable: true }) firstName?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) lastName?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) position?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Any of the contact\'s emails.' }) email?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Any of the contact\'s phones (E.164).' }) phone?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) notes?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) externalId?: StringFilter | null;
  @Field(() => IdFilter, { nullable: true, description: '`isNull: true` finds loose contacts (without account).' })
  accountId?: IdFilter | null;
  @Field(() => AccountFilter, { nullable: true, description: 'Contacts whose account satisfies this account filter.' })
  account?: AccountFilter | null;
  @Field(() => IdFilter, { nullable: true }) ownerId?: IdFilter | null;
  @Field(() => Boolean, { nullable: true, description: 'Archived contacts are left out unless this is given.' })
  archived?: boolean | null;
  @Field(() => DateTimeFilter, { nullable: true }) createdAt?: DateTimeFilter | null;
  @Field(() => DateTimeFilter, { nullable: true }) updatedAt?: DateTimeFilter | null;
}

export enum ContactOrderField {
  LAST_NAME = 'LAST_NAME',
  FIRST_NAME = 'FIRST_NAME',
  POSITION = 'POSITION',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(ContactOrderField, { name: 'ContactOrderField' });

@InputType()
export class ContactOrder {
  @Field(() => ContactOrderField) field: ContactOrderField;
  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC }) direction: OrderDirection;
}

const ORDER_KEYS: Record<ContactOrderField, Omit<SortKey<Contact>, 'direction'>> = {
  LAST_NAME: { sql: 'c.last_name', type: 'text', value: (c) => c.lastName },
  FIRST_NAME: { sql: 'c.first_name', type: 'text', value: (c) => c.firstName },
  POSITION: { sql: "COALESCE(c.position, '')", type: 'text', value: (c) => c.position ?? '' },
  CREATED_AT: { sql: 'c.created_at', type: 'timestamp', value: (c) => c.createdAt },
  UPDATED_AT: { sql: 'c.updated_at', type: 'timestamp', value: (c) => c.updatedAt },
};

const DEFAULT_ORDER: ContactOrder[] = [
  { field: ContactOrderField.LAST_NAME, direction: OrderDirection.ASC },
  { field: ContactOrderField.FIRST_NAME, direction: OrderDirection.ASC },
];

/** Sort keys for a contact list (default: last name, first name); always ends with the id (stable pages). */
export const contactSortKeys = (orderBy: ContactOrder[] | null | undefined): SortKey<Contact>[] =>
  sortKeysOf(orderBy, DEFAULT_ORDER, ORDER_KEYS, 'c.id');

/**
 * Compiles a ContactFilter against the contact alias `c`. The account relation filter is an EXISTS over the
 * contact's account aliased `a`, compiled by compileAccountFilter (so every account condition is available).
 */
export function compileContactFilter(sql: SqlFilter, filter: ContactFilter | null | undefined, path = 'filter'): string | null {
  if (!filter) return null;
  const account = filter.account
    ? `EXISTS (SELECT 1 FROM accounts a WHERE a.workspace_id = c.workspace_id AND a.id = c.account_id${
        prefixAnd(compileAccountFilter(sql, filter.account, `${path}.account`))
      })`
    : null;
  return SqlFilter.and([
    ...(filter.and ?? []).map((f, i) => compileContactFilter(sql, f, `${path}.and[${i}]`)),
    filter.or?.length ? SqlFilter.or(filter.or.map((f, i) => compileContactFilter(sql, f, `${path}.or[${i}]`) ?? 'TRUE')) : null,
    filter.not ? `NOT (${compileContactFilter(sql, filter.not, `${path}.not`) ?? 'TRUE'})` : null,
    sql.id('c.id', filter.id, `${path}.id`),
    sql.string('c.first_name', filter.firstName),
    sql.string('c.last_name', filter.lastName),
    sql.string('c.position', filter.position),
    sql.anyOfArray('c.emails', filter.email),
    sql.anyOfArray('c.phones', filter.phone),
    sql.string('c.notes', filter.notes),
    sql.string('c.external_id', filter.externalId),
    sql.id('c.account_id', filter.accountId, `${path}.accountId`),
    account,
    sql.id('c.owner_membership_id', filter.ownerId, `${path}.ownerId`),
    filter.archived == null ? null : filter.archived ? 'c.archived_at IS NOT NULL' : 'c.archived_at IS NULL',
    sql.range('c.created_at', filter.createdAt),
    sql.range('c.updated_at', filter.updatedAt),
  ]);
}

const prefixAnd = (condition: string | null): string => (condition ? ` AND ${condition}` : '');

/** Whether the filter says something about the contact's own archived state (not its account's). */
export function mentionsContactArchived(filter: ContactFilter | null | undefined): boolean {
  if (!filter) return false;
  if (filter.archived != null) return true;
  return [...(filter.and ?? []), ...(filter.or ?? []), ...(filter.not ? [filter.not] : [])].some(mentionsContactArchived);
}
