import { Arg, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { Guard } from '../platform/auth/guard';
import { principalOf } from '../platform/context/context';
import { liveSubscription } from '../platform/subscriptions/live-subscription';
import { dealsGuard } from './deal-enums';
import { Deal } from './deal.entity';
import { dealChangedTopic, DealChangeKind } from './deal.topic';

@ObjectType({ description: 'A change of a deal, as pushed to a live pipeline board.' })
export class DealChange {
  @Field(() => DealChangeKind, { description: 'What happened.' }) kind: DealChangeKind;
  @Field(() => Deal, { description: 'The deal as it is when the change is delivered.' }) deal: Deal;
}

/**
 * Changes of the deals of one pipeline. The pipeline must be the viewer's workspace's (NOT_FOUND otherwise); each
 * deal is authorized at delivery with the viewer's principal as it is then (its account in their portfolio now),
 * and the others are left out without a word. One visibility check per notification, not per deal.
 */
const dealsOfPipeline = liveSubscription({
  topic: dealChangedTopic,
  authorizeAtSubscribe: (context, args: { pipelineId: string }) => context.services.pipelines.get(principalOf(context), args.pipelineId),
  select: (event, pipeline) => event.deals.filter((deal) => deal.pipelineId === pipeline.id).map(({ id, change }) => ({ id, change })),
  authorizeAtDelivery: async (changes, context) => {
    const visible = await context.services.deals.visibleIds(principalOf(context), changes.map((change) => change.id));
    return changes.filter((change) => visible.has(change.id));
  },
  load: async (changes, context) => {
    const deals = await context.loaders.deals.deal.loadMany(changes.map((change) => change.id));
    return changes.map((change, i) => {
      const deal = deals[i];
      return deal && !(deal instanceof Error) ? { kind: change.change, deal } : null;
    });
  },
});

@Resolver()
export class DealSubscriptionResolver {
  @Guard(dealsGuard.read)
  @Subscription(() => DealChange, {
    subscribe: dealsOfPipeline,
    description:
      'Deals of a pipeline created, changed (fields or lines), moved, won, lost or reopened: the live pipeline board. ' +
      'Delivered on every server instance after the change commits, only for deals whose account is in the viewer\'s ' +
      'portfolio at delivery time (others are left out without an error). NOT_FOUND for a pipeline of another workspace; ' +
      'API keys need deals:read.',
  })
  dealChanged(@Root() change: DealChange, @Arg('pipelineId', () => ID, { description: 'The pipeline to watch.' }) _pipelineId: string): DealChange {
    return change;
  }
}
