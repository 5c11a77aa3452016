import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Guard } from '../platform/auth/guard';
import { principalOf, type RequestContext } from '../platform/context/context';
import { connectionComplexity } from '../platform/pagination/connection';
import { SEARCH_DEFAULT_FIRST, SEARCH_MAX_FIRST } from './search-query';
import { SearchableType, SearchHit } from './search.types';

@Resolver(() => SearchHit)
export class SearchResolver {
  @Guard({ scope: 'accounts:read' })
  @Query(() => [SearchHit], {
    description:
      'Fuzzy, ranked search of accounts, contacts and leads the caller may see by name (a lead\'s title, company or person), ' +
      'email, phone (digits) or tax id; typo-tolerant (trigram). Archived records (and contacts of archived accounts) are left ' +
      'out; leads of every status are in. Any member; an API key needs accounts:read (and leads:read for leads).',
    complexity: connectionComplexity,
  })
  search(
    @Arg('query', { description: 'At least 2 characters; case and repeated spaces are ignored.' }) query: string,
    @Arg('types', () => [SearchableType], { nullable: true, description: 'Only these kinds of record (default: all).' })
    types: SearchableType[] | null,
    @Arg('first', () => Int, {
      nullable: true,
      defaultValue: SEARCH_DEFAULT_FIRST,
      description: `How many hits (1 to ${SEARCH_MAX_FIRST}).`,
    })
    first: number | null,
    @Ctx() context: RequestContext,
  ): Promise<SearchHit[]> {
    return context.services.search.search(principalOf(context), { query, types, first });
  }
}
