import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { ActorRef } from '../platform/auth/actor';
import type { RequestContext } from '../platform/context/context';
import { Membership } from './membership.entity';

export enum ActorKind {
  MEMBER = 'MEMBER',
  API_KEY = 'API_KEY',
  SYSTEM = 'SYSTEM',
}
registerEnumType(ActorKind, { name: 'ActorKind' });

@ObjectType({ description: 'Who made a change: a member, an API key, or the system.' })
export class Actor {
  @Field(() => ActorKind) kind: ActorKind;
  @Field(() => Membership, { nullable: true, description: 'The member, when still in the workspace.' }) member: Membership | null;
  @Field(() => String, { nullable: true }) apiKeyId: string | null;
}

/** Resolves a stored actor reference (member through the request's loader, so a page costs one query). */
export async function actorOf(context: RequestContext, ref: ActorRef): Promise<Actor> {
  if (ref.memberId) {
    return { kind: ActorKind.MEMBER, member: await context.loaders.identity.membership.load(ref.memberId), apiKeyId: null };
  }
  if (ref.apiKeyId) return { kind: ActorKind.API_KEY, member: null, apiKeyId: ref.apiKeyId };
  return { kind: ActorKind.SYSTEM, member: null, apiKeyId: null };
}
