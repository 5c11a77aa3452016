import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { selectedFields } from '../platform/graphql/selection';
import { contactProjection } from './account.projection';
import type { RequestContext } from '../platform/context/context';
import { embeddedOn } from '../platform/data/embedded-reads';
import { ACCOUNT_CONTACTS_LIMIT, EMBEDDED_CONTACTS } from './account-read';
import { Account } from './account.entity';
import { Contact } from './contact.entity';

const CONTACTS_PAGE = Object.freeze({ first: ACCOUNT_CONTACTS_LIMIT });

const nodesOf = (page: { nodes: Contact[] }): Contact[] => page.nodes;

/** Account.contacts: the people of an account, batched per request (one statement whatever the number of accounts). */
@Resolver(() => Account)
export class AccountContactsResolver {
  @FieldResolver(() => [Contact], {
    description: `Non-archived contacts of the account, by last name, first name (the first ${ACCOUNT_CONTACTS_LIMIT}; all of them: \`contacts(filter:)\`).`,
  })
  contacts(@Root() account: Account, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo): Iterable<Contact> | Promise<Contact[]> {
    // Read with the account (account(id), accounts): no statement of its own; prebuilt JSON when only plain fields are selected.
    const embedded = embeddedOn<Iterable<Contact>>(account, EMBEDDED_CONTACTS);
    if (embedded) return embedded;
    const projection = contactProjection.of(selectedFields(info, 'record'));
    // Not `async`: one promise per account (the loader's), not an async frame around it.
    return context.loaders.contacts.ofAccount.load({ parentId: account.id, args: CONTACTS_PAGE, projection }).then(nodesOf);
  }
}
