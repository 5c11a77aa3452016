import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../platform/context/context';
import { embeddedOn } from '../platform/data/embedded-reads';
import { EMBEDDED_INTERESTS } from './account-read';
import { Account } from './account.entity';
import { AccountCharacteristicValue } from './characteristics/characteristic-definition.inputs';
import { AccountInterestView } from './interests/interest.inputs';
import { AccountRelationshipView } from './relationships/relationship.inputs';

/** What hangs off an account: characteristic values, interests and links to other accounts (via DataLoaders, or read with the account: account-read.ts). */
@Resolver(() => Account)
export class AccountDetailsResolver {
  @FieldResolver(() => [AccountCharacteristicValue], { description: 'Values set on the account, by characteristic name.' })
  characteristics(@Root() account: Account, @Ctx() context: RequestContext): Promise<AccountCharacteristicValue[]> {
    return context.loaders.accountDetails.characteristicsOfAccount.load(account.id);
  }

  @FieldResolver(() => [AccountInterestView], { description: 'Interests, disinterests and unmet needs, by area name.' })
  interests(@Root() account: Account, @Ctx() context: RequestContext): Iterable<AccountInterestView> | Promise<AccountInterestView[]> {
    // Read with the account (account(id), accounts): no statement of its own; prebuilt JSON when the selection is plain.
    const embedded = embeddedOn<Iterable<AccountInterestView>>(account, EMBEDDED_INTERESTS);
    if (embedded) return embedded;
    return context.loaders.accountDetails.interestsOfAccount.load(account.id);
  }

  @FieldResolver(() => [AccountRelationshipView], { description: 'Links to other accounts, both directions, oldest first.' })
  relationships(@Root() account: Account, @Ctx() context: RequestContext): Promise<AccountRelationshipView[]> {
    return context.loaders.accountDetails.relationshipsOfAccount.load(account.id);
  }
}
