import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { ActorRef } from './actor';

export enum ActorKind {
  MEMBER = 'MEMBER',
  API_KEY = 'API_KEY',
  SYSTEM = 'SYSTEM',
}
registerEnumType(ActorKind, {
  name: 'ActorKind',
  description: 'What kind of caller made a change.',
  valuesConfig: {
    MEMBER: { description: 'A member, logged in with an access token.' },
    API_KEY: { description: 'An integration, with an API key.' },
    SYSTEM: { description: 'The server itself, not on behalf of a member or an API key.' },
  },
});

/** Its `member` field is identity's (src/identity/actor-member.resolver.ts): platform knows no member type. */
@ObjectType({ description: 'Who made a change: a member, an API key, or the system.' })
export class Actor {
  @Field(() => ActorKind, { description: 'Member, API key or system.' }) kind: ActorKind;
  /** Read by the `member` field (through the request's loader, so a page costs one query). */
  memberId: string | null;
  @Field(() => String, { nullable: true, description: 'The API key\'s id when kind is API_KEY (see apiKeys); else null.' }) apiKeyId: string | null;
}

/** The GraphQL view of a stored actor reference. */
export function actorOf(ref: ActorRef): Actor {
  if (ref.memberId) return { kind: ActorKind.MEMBER, memberId: ref.memberId, apiKeyId: null };
  if (ref.apiKeyId) return { kind: ActorKind.API_KEY, memberId: null, apiKeyId: ref.apiKeyId };
  return { kind: ActorKind.SYSTEM, memberId: null, apiKeyId: null };
}
