import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Guard } from '../platform/auth/guard';
import { principalOf, type RequestContext } from '../platform/context/context';
import { connectionComplexity } from '../platform/pagination/connection';
import { SEARCH_DEFAULT_FIRST, SEARCH_MAX_FIRST, SEARCH_MAX_QUERY_LENGTH, SEARCH_MIN_QUERY_LENGTH } from './search-query';
import { SearchableType, SearchHit } from './search.types';

@Resolver(() => SearchHit)
export class SearchResolver {
  @Guard({ scope: 'accounts:read' })
  @Query(() => [SearchHit], {
    description:
      'Fuzzy, ranked search of accounts, contacts, deals and leads the caller may see by name (a lead\'s title, company ' +
      'or person; a deal\'s title or externalId), email, phone (digits) or tax id; typo-tolerant (trigram), ' +
      'accent-insensitive. Archived records (and contacts and deals of archived accounts) are left out; leads of every ' +
      'status are in. Best match first. Any member, or an API key with accounts:read (else FORBIDDEN); an API key finds ' +
      'deals only with deals:read and leads only with leads:read. Errors: BAD_USER_INPUT (query too short or too long, ' +
      'first out of range).',
    complexity: connectionComplexity,
  })
  search(
    @Arg('query', {
      description: `${SEARCH_MIN_QUERY_LENGTH} to ${SEARCH_MAX_QUERY_LENGTH} characters once trimmed; case, accents and repeated spaces are ignored.`,
    })
    query: string,
    @Arg('types', () => [SearchableType], { nullable: true, description: 'Only these kinds of record (default: all).' })
    types: SearchableType[] | null,
    @Arg('first', () => Int, {
      nullable: true,
      defaultValue: SEARCH_DEFAULT_FIRST,
      description: `How many hits (1 to ${SEARCH_MAX_FIRST}; default ${SEARCH_DEFAULT_FIRST}).`,
    })
    first: number | null,
    @Ctx() context: RequestContext,
  ): Promise<SearchHit[]> {
    return context.services.search.search(principalOf(context), { query, types, first });
  }
}
