import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Account, Contact } from '../accounts/accounts.public';
import { Product } from '../catalog/catalog.public';
import { Membership } from '../identity/identity.public';
import { Actor, actorOf } from '../platform/auth/actor.types';
import { Guard } from '../platform/auth/guard';
import type { RequestContext } from '../platform/context/context';
import { ConnectionArgs, connectionComplexity } from '../platform/pagination/connection';
import { TimelineArgs, TimelineConnection } from '../platform/timeline/timeline.types';
import { DealConnection } from './deal.types';
import { dealsGuard } from './deal-enums';
import { requireFound } from '../platform/errors/errors';
import { DealLine } from './deal-line.entity';
import { DealStageChange } from './deal-stage-change.entity';
import { Deal } from './deal.entity';
import { DealLostReason } from './lost-reason.entity';
import { Pipeline, PipelineStage } from './pipeline.entity';

/** The relations of a deal, each through a per-request loader (a list of deals costs the same as one). */
@Resolver(() => Deal)
export class DealFieldsResolver {
  @FieldResolver(() => Account, { nullable: true, description: 'The account (null only if it left the caller\'s reach meanwhile).' })
  account(@Root() deal: Deal, @Ctx() context: RequestContext): Promise<Account | null> {
    return context.loaders.accounts.account.load(deal.accountId);
  }

  @FieldResolver(() => [Contact], { description: 'Contacts of the deal\'s account involved in it, in the order given.' })
  async contacts(@Root() deal: Deal, @Ctx() context: RequestContext): Promise<Contact[]> {
    const found = await context.loaders.contacts.contact.loadMany(deal.contactIds);
    return found.filter((contact): contact is Contact => contact != null && !(contact instanceof Error));
  }

  @FieldResolver(() => Pipeline, { description: 'The pipeline the deal is in.' })
  async pipeline(@Root() deal: Deal, @Ctx() context: RequestContext): Promise<Pipeline> {
    return requireFound(await context.loaders.deals.pipeline.load(deal.pipelineId), 'Pipeline');
  }

  @FieldResolver(() => PipelineStage, { description: 'The stage the deal is in.' })
  async stage(@Root() deal: Deal, @Ctx() context: RequestContext): Promise<PipelineStage> {
    return requireFound(await context.loaders.deals.stage.load(deal.stageId), 'Stage');
  }

  @FieldResolver(() => Membership, { nullable: true, description: 'The member responsible for the deal, or null.' })
  owner(@Root() deal: Deal, @Ctx() context: RequestContext): Promise<Membership | null> | null {
    return deal.ownerMembershipId ? context.loaders.identity.membership.load(deal.ownerMembershipId) : null;
  }

  @FieldResolver(() => Membership, { nullable: true, description: 'The member credited with converting the lead this deal came from (commissions), or null.' })
  convertedBy(@Root() deal: Deal, @Ctx() context: RequestContext): Promise<Membership | null> | null {
    return deal.convertedByMembershipId ? context.loaders.identity.membership.load(deal.convertedByMembershipId) : null;
  }

  @FieldResolver(() => DealLostReason, { nullable: true, description: 'Why it was lost (archived reasons included), or null.' })
  lostReason(@Root() deal: Deal, @Ctx() context: RequestContext): Promise<DealLostReason | null> | null {
    return deal.lostReasonId ? context.loaders.deals.lostReason.load(deal.lostReasonId) : null;
  }

  @FieldResolver(() => [DealLine], { description: 'The product lines, in order.' })
  lines(@Root() deal: Deal, @Ctx() context: RequestContext): Promise<DealLine[]> {
    return context.loaders.deals.linesOfDeal.load(deal.id);
  }

  @FieldResolver(() => [DealStageChange], { description: 'Every move between stages, oldest first (creation is not a move).' })
  stageHistory(@Root() deal: Deal, @Ctx() context: RequestContext): Promise<DealStageChange[]> {
    return context.loaders.deals.historyOfDeal.load(deal.id);
  }

  @FieldResolver(() => TimelineConnection, {
    description: 'History of the deal (created, changed, lines, moves, won, lost, reopened, comments, documents), newest first.',
    complexity: connectionComplexity,
  })
  timeline(@Root() deal: Deal, @Args() args: TimelineArgs, @Ctx() context: RequestContext): Promise<TimelineConnection> {
    return context.loaders.deals.timeline.load({ parentId: deal.id, args });
  }

  @FieldResolver(() => Actor, { description: 'Who created the deal.' })
  createdBy(@Root() deal: Deal): Actor {
    return actorOf(deal.createdBy);
  }

  @FieldResolver(() => Actor, { description: 'Who changed it last.' })
  updatedBy(@Root() deal: Deal): Actor {
    return actorOf(deal.updatedBy);
  }
}

/** Account.deals: the account's deals in the caller's reach, batched per request (one statement per batch of accounts). */
@Resolver(() => Account)
export class AccountDealsResolver {
  @Guard(dealsGuard.read)
  @FieldResolver(() => DealConnection, {
    nullable: true,
    description:
      'The account\'s deals, newest first (filtered or ordered otherwise: `deals(filter: { accountId })`). Null (with a ' +
      'FORBIDDEN error) for an API key without deals:read.',
    complexity: connectionComplexity,
  })
  deals(@Root() account: Account, @Args() args: ConnectionArgs, @Ctx() context: RequestContext): Promise<DealConnection> {
    return context.loaders.deals.ofAccount.load({ parentId: account.id, args });
  }
}

@Resolver(() => DealLine)
export class DealLineFieldsResolver {
  @FieldResolver(() => Product, { nullable: true, description: 'The catalog product the line came from (archived ones included), or null for an inline product.' })
  product(@Root() line: DealLine, @Ctx() context: RequestContext): Promise<Product | null> | null {
    return line.productId ? context.loaders.catalog.product.load(line.productId) : null;
  }
}

@Resolver(() => DealStageChange)
export class DealStageChangeFieldsResolver {
  @FieldResolver(() => PipelineStage, { description: 'The stage the deal left.' })
  async fromStage(@Root() change: DealStageChange, @Ctx() context: RequestContext): Promise<PipelineStage> {
    return requireFound(await context.loaders.deals.stage.load(change.fromStageId), 'Stage');
  }

  @FieldResolver(() => PipelineStage, { description: 'The stage the deal entered.' })
  async toStage(@Root() change: DealStageChange, @Ctx() context: RequestContext): Promise<PipelineStage> {
    return requireFound(await context.loaders.deals.stage.load(change.toStageId), 'Stage');
  }

  @FieldResolver(() => Actor, { description: 'Who moved it.' })
  actor(@Root() change: DealStageChange): Actor {
    return actorOf(change.actor);
  }
}
