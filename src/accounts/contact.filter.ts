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
    id: uuid('c.id', { description: 'The contact\'s id.' }),
    firstName: text('c.first_name', { description: 'The first name.' }),
    lastName: text('c.last_name', { description: 'The last name ("" when not given).' }),
    position: text('c.position', { description: 'The position (job title).' }),
    email: textList('c.emails', { description: 'Any of the contact\'s emails (stored lower case).' }),
    phone: textList('c.phones', { description: 'Any of the contact\'s phones (E.164, e.g. startsWith: "+34").' }),
    notes: text('c.notes', { description: 'The notes.' }),
    externalId: text('c.external_id', { description: 'The integrator\'s id.' }),
    accountId: uuid('c.account_id', { description: '`isNull: true` finds loose contacts (without account).' }),
    account: exists(
      accountFilter,
      { from: 'accounts a', where: 'a.workspace_id = c.workspace_id AND a.id = c.account_id' },
      { description: 'Contacts whose account satisfies this account filter.' },
    ),
    ownerId: uuid('c.owner_membership_id', { description: 'The contact\'s owner (member).' }),
    archived: presence('c.archived_at', { description: 'Archived contacts are left out unless this is given.' }),
    createdAt: timestamp('c.created_at', { description: 'When the contact was created.' }),
    updatedAt: timestamp('c.updated_at', { description: 'When the contact last changed.' }),
  },
});
export const ContactFilter = contactFilter.Input;
export type ContactFilter = InstanceType<typeof ContactFilter>;

/** Contact orderings (default: last name, first name), ending with the id. */
export const contactOrdering = defineOrdering({
  name: 'ContactOrder',
  alias: 'c',
  keys: {
    LAST_NAME: { sql: 'c.last_name', type: 'text', value: (c: Contact) => c.lastName, description: 'By last name.' },
    FIRST_NAME: { sql: 'c.first_name', type: 'text', value: (c: Contact) => c.firstName, description: 'By first name.' },
    POSITION: {
      sql: "COALESCE(c.position, '')",
      type: 'text',
      value: (c: Contact) => c.position ?? '',
      description: 'By position (contacts without one first, ascending).',
    },
    CREATED_AT: { sql: 'c.created_at', type: 'timestamp', value: (c: Contact) => c.createdAt, description: 'By creation time.' },
    UPDATED_AT: { sql: 'c.updated_at', type: 'timestamp', value: (c: Contact) => c.updatedAt, description: 'By last change.' },
  },
  defaults: [
    { field: 'LAST_NAME', direction: OrderDirection.ASC },
    { field: 'FIRST_NAME', direction: OrderDirection.ASC },
  ],
});
export const ContactOrder = contactOrdering.Input;
export type ContactOrder = InstanceType<typeof ContactOrder>;
