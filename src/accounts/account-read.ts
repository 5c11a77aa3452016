import type { GraphQLResolveInfo } from 'graphql';
import { extendProjection, type Embed, type Projection } from '../platform/data/lean-rows';
import type { Principal } from '../platform/auth/principal';
import { pageProjectionOf, prebuiltSelectionOf, selectedChildFields, selectedFields, type SelectionShape } from '../platform/graphql/selection';
import { MAX_PAGE_SIZE } from '../platform/pagination/keyset';
import { accountProjection, contactProjection } from './account.projection';
import type { MembersService } from '../identity/members.service';
import type { AccountsService } from './accounts.service';
import type { ContactsService } from './contacts.service';
import type { AccountInterestsService } from './interests/account-interests.service';

/** How many contacts `Account.contacts` shows (a nested list is bounded like any page). */
export const ACCOUNT_CONTACTS_LIMIT = MAX_PAGE_SIZE;

/** Where an account read puts what it embedded (data/embedded-reads.ts); the field resolvers look there first. */
export const EMBEDDED_CONTACTS = 'embeddedContacts';
export const EMBEDDED_PRIMARY_OWNER = 'embeddedPrimaryOwner';
export const EMBEDDED_INTERESTS = 'embeddedInterests';

/**
 * What `account(id)` and `accounts` read in their one statement, from the client's selection: the account
 * columns, its contacts, interests and primary owner (through identity's member embed) when selected (no statement of their own), and the page's
 * total count when asked. An account reached any other way (a contact's account, a deal's) is read by loaders.
 */
export function accountReadOf(
  info: GraphQLResolveInfo,
  shape: SelectionShape,
  principal: Principal,
  services: { accounts: AccountsService; contacts: ContactsService; accountInterests: AccountInterestsService; members: MembersService },
): Projection {
  const fields = selectedFields(info, shape);
  const embeds: Embed[] = [];
  const contactFields = selectedChildFields(info, shape, 'contacts');
  if (contactFields) {
    const prebuilt = prebuiltSelectionOf(info, shape, 'contacts');
    embeds.push(services.contacts.accountContactsEmbed(principal, EMBEDDED_CONTACTS, ACCOUNT_CONTACTS_LIMIT, contactProjection.of(contactFields), prebuilt));
  }
  if (fields.has('primaryOwner')) embeds.push(services.members.memberEmbed(EMBEDDED_PRIMARY_OWNER, (alias) => services.accounts.primaryOwnerIdSql(alias)));
  if (fields.has('interests')) embeds.push(services.accountInterests.accountInterestsEmbed(principal, EMBEDDED_INTERESTS, prebuiltSelectionOf(info, shape, 'interests')));
  const columns = shape === 'connection' ? pageProjectionOf(accountProjection, info) : accountProjection.of(fields);
  return extendProjection(columns, { embeds });
}
