import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Actor } from '../platform/auth/actor.types';
import type { RequestContext } from '../platform/context/context';
import { Membership } from './membership.entity';

/** Identity's field on platform's Actor type. */
@Resolver(() => Actor)
export class ActorMemberResolver {
  @FieldResolver(() => Membership, { nullable: true, description: 'The member, when kind is MEMBER (removed members included); else null.' })
  async member(@Root() actor: Actor, @Ctx() context: RequestContext): Promise<Membership | null> {
    return actor.memberId ? context.loaders.identity.membership.load(actor.memberId) : null;
  }
}
