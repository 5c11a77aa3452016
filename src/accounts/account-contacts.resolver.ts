import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../platform/context/context';
import { Account } from './account.entity';
import { Contact } from './contact.entity';

/** Account.contacts: the people of an account, batched per request (one query whatever the number of accounts). */
@Resolver(() => Account)
export class AccountContactsResolver {
  @FieldResolver(() => [Contact], { description: 'Non-archived contacts of the account, by last name, first name.' })
  contacts(@Root() account: Account, @Ctx() context: RequestContext): Promise<Contact[]> {
    return context.loaders.contacts.ofAccount.load(account.id);
  }
}
