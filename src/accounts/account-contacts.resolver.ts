import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { selectedFields } from '../platform/graphql/selection';
import { contactProjection } from './account.projection';
import type { RequestContext } from '../platform/context/context';
import { MAX_PAGE_SIZE } from '../platform/pagination/keyset';
import { Account } from './account.entity';
import { Contact } from './contact.entity';

/** How many contacts `Account.contacts` shows (a nested list is bounded like any page). */
export const ACCOUNT_CONTACTS_LIMIT = MAX_PAGE_SIZE;
const CONTACTS_PAGE = Object.freeze({ first: ACCOUNT_CONTACTS_LIMIT });

const nodesOf = (page: { nodes: Contact[] }): Contact[] => page.nodes;

/** Account.contacts: the people of an account, batched per request (one statement whatever the number of accounts). */
@Resolver(() => Account)
export class AccountContactsResolver {
  @FieldResolver(() => [Contact], {
    description: `Non-archived contacts of the account, by last name, first name (the first ${ACCOUNT_CONTACTS_LIMIT}; all of them: \`contacts(filter:)\`).`,
  })
  contacts(@Root() account: Account, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Contact[]> {
    const projection = contactProjection.of(selectedFields(info, 'record'));
    // Not `async`: one promise per account (the loader's), not an async frame around it.
    return context.loaders.contacts.ofAccount.load({ parentId: account.id, args: CONTACTS_PAGE, projection }).then(nodesOf);
  }
}
