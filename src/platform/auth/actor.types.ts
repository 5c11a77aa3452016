import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { ActorRef } from './actor';

export enum ActorKind {
  MEMBER = 'MEMBER',
  API_KEY = 'API_KEY',
  SYSTEM = 'SYSTEM',
}
registerEnumType(ActorKind, { name: 'ActorKind' });

/** Its `member` field is identity's (src/identity/actor-member.resolver.ts): platform knows no member type. */
@ObjectType({ description: 'Who made a change: a member, an API key, or the system.' })
export class Actor {
  @Field(() => ActorKind) kind: ActorKind;
  /** Read by the `member` field (through the request's loader, so a page costs one query). */
  memberId: string | null;
  @Field(() => String, { nullable: true }) apiKeyId: string | null;
}

/** The GraphQL view of a stored actor reference. */
export function actorOf(ref: ActorRef): Actor {
  if (ref.memberId) return { kind: ActorKind.MEMBER, memberId: ref.memberId, apiKeyId: null };
  if (ref.apiKeyId) return { kind: ActorKind.API_KEY, memberId: null, apiKeyId: ref.apiKeyId };
  return { kind: ActorKind.SYSTEM, memberId: null, apiKeyId: null };
}
