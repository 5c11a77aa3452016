import type { NonEmptyArray } from 'type-graphql';
import { AccountsResolver } from './accounts/accounts.resolver';
import { CommentsResolver } from './accounts/comments.resolver';
import { ApiKeysResolver } from './identity/api-keys.resolver';
import { AuthResolver } from './identity/auth.resolver';
import { MembersResolver } from './identity/members.resolver';
import { TeamsResolver } from './identity/teams.resolver';
import { HealthResolver } from './platform/graphql/health.resolver';
import { TimelineEntryResolver } from './platform/timeline/timeline.resolver';

/** Every resolver class; a new domain adds its resolvers here. */
export const resolvers: NonEmptyArray<Function> = [
  HealthResolver,
  AuthResolver,
  MembersResolver,
  TeamsResolver,
  ApiKeysResolver,
  TimelineEntryResolver,
  AccountsResolver,
  CommentsResolver,
];
