import { defineFilterable, exists } from '../platform/filtering/define-filterable';
import { presence, text, textList, timestamp, uuid } from '../platform/filtering/filter-fields';
import { defineOrdering, OrderDirection } from '../platform/pagination/ordering';
import { accountFilter } from './account.filter';
import type { Contact } from './contact.entity';

/** Contact conditions against the contact alias `c`; `account:` takes every account condition (alias `a`). */
export const contactFilter = defineFilterable({
  name: 'ContactFilter',
  description: 'Typed contact conditions; fields combine with AND; use and / or / not to compose.',
  fields: {
    id: uuid('c.id'),
    firstName: text('c.first_name'),
    lastName: text('c.last_name'),
    position: text('c.position'),
    email: textList('c.emails', { description: 'Any of the contact\'s emails.' }),
    phone: textList('c.phones', { description: 'Any of the contact\'s phones (E.164).' }),
    notes: text('c.notes'),
    externalId: text('c.external_id'),
    accountId: uuid('c.account_id', { description: '`isNull: true` finds loose contacts (without account).' }),
    account: exists(
      accountFilter,
      { from: 'accounts a', where: 'a.workspace_id = c.workspace_id AND a.id = c.account_id' },
      { description: 'Contacts whose account satisfies this account filter.' },
    ),
    ownerId: uuid('c.owner_membership_id'),
    archived: presence('c.archived_at', { description: 'Archived contacts are left out unless this is given.' }),
    createdAt: timestamp('c.created_at'),
    updatedAt: timestamp('c.updated_at'),
  },
});
export const ContactFilter = contactFilter.Input;
export type ContactFilter = InstanceType<typeof ContactFilter>;

/** Contact orderings (default: last name, first name), ending with the id. */
export const contactOrdering = defineOrdering({
  name: 'ContactOrder',
  alias: 'c',
  keys: {
    LAST_NAME: { sql: 'c.last_name', type: 'text', value: (c: Contact) => c.lastName },
    FIRST_NAME: { sql: 'c.first_name', type: 'text', value: (c: Contact) => c.firstName },
    POSITION: { sql: "COALESCE(c.position, '')", type: 'text', value: (c: Contact) => c.position ?? '' },
    CREATED_AT: { sql: 'c.created_at', type: 'timestamp', value: (c: Contact) => c.createdAt },
    UPDATED_AT: { sql: 'c.updated_at', type: 'timestamp', value: (c: Contact) => c.updatedAt },
  },
  defaults: [
    { field: 'LAST_NAME', direction: OrderDirection.ASC },
    { field: 'FIRST_NAME', direction: OrderDirection.ASC },
  ],
});
export const ContactOrder = contactOrdering.Input;
export type ContactOrder = InstanceType<typeof ContactOrder>;
