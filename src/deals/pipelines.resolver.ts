import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Actor, actorOf } from '../platform/auth/actor.types';
import { Guard } from '../platform/auth/guard';
import { principalOf, type RequestContext } from '../platform/context/context';
import { settingsListResolver } from '../platform/settings/settings-list.resolver';
import { dealsGuard } from './deal-enums';
import { DealLostReason } from './lost-reason.entity';
import { dealLostReasons } from './lost-reasons.service';
import { Pipeline, PipelineStage } from './pipeline.entity';
import { CreatePipelineInput, PipelineVersionInput, UpdatePipelineInput } from './pipeline.inputs';

const CONFIGURE = 'Requires ADMIN or above, or an API key with deals:write (else FORBIDDEN).';

/** Lost reasons (the settings list's query and mutations). */
@Resolver(() => DealLostReason)
export class DealLostReasonsResolver extends settingsListResolver(dealLostReasons, (services) => services.dealLostReasons) {}

@Resolver(() => Pipeline)
export class PipelinesResolver {
  @Guard(dealsGuard.read)
  @Query(() => [Pipeline], { description: 'The workspace\'s pipelines, the default first, then by name. Any member (deals:read).' })
  pipelines(
    @Arg('includeArchived', () => Boolean, { defaultValue: false, description: 'Also list archived pipelines.' }) includeArchived: boolean,
    @Ctx() context: RequestContext,
  ): Promise<Pipeline[]> {
    return context.services.pipelines.list(principalOf(context), includeArchived);
  }

  @Guard(dealsGuard.configure)
  @Mutation(() => Pipeline, {
    description: `${CONFIGURE} BAD_USER_INPUT for invalid stages (none OPEN, WON or LOST; names twice); CONFLICT (NAME_TAKEN) for a used name.`,
  })
  createPipeline(@Arg('input', { description: 'What to do (see CreatePipelineInput).' }) input: CreatePipelineInput, @Ctx() context: RequestContext): Promise<Pipeline> {
    return context.services.pipelines.create(principalOf(context), input);
  }

  @Guard(dealsGuard.configure)
  @Mutation(() => Pipeline, {
    description:
      `${CONFIGURE} NOT_FOUND outside the workspace; CONFLICT (VERSION_MISMATCH, NAME_TAKEN); BAD_USER_INPUT for invalid ` +
      'stages, a stage of another pipeline, or removing (or changing the kind of) a stage that still has deals.',
  })
  updatePipeline(@Arg('input', { description: 'What to do (see UpdatePipelineInput).' }) input: UpdatePipelineInput, @Ctx() context: RequestContext): Promise<Pipeline> {
    return context.services.pipelines.update(principalOf(context), input);
  }

  @Guard(dealsGuard.configure)
  @Mutation(() => Pipeline, {
    description:
      `${CONFIGURE} Leaves the pipelines list; new deals can't use it, its deals stay (and can still move). BAD_USER_INPUT ` +
      'for the default pipeline; NOT_FOUND outside the workspace; CONFLICT (VERSION_MISMATCH).',
  })
  archivePipeline(@Arg('input', { description: 'What to do (see PipelineVersionInput).' }) input: PipelineVersionInput, @Ctx() context: RequestContext): Promise<Pipeline> {
    return context.services.pipelines.archive(principalOf(context), input.id, input.expectedVersion);
  }

  @FieldResolver(() => [PipelineStage], { description: 'The current stages, in order (removed ones are left out).' })
  stages(@Root() pipeline: Pipeline, @Ctx() context: RequestContext): Promise<PipelineStage[]> {
    return context.loaders.deals.stagesOfPipeline.load(pipeline.id);
  }

  @FieldResolver(() => Actor, { description: 'Who created the pipeline.' })
  createdBy(@Root() pipeline: Pipeline): Actor {
    return actorOf(pipeline.createdBy);
  }

  @FieldResolver(() => Actor, { description: 'Who changed it last.' })
  updatedBy(@Root() pipeline: Pipeline): Actor {
    return actorOf(pipeline.updatedBy);
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'Who archived it (null while active).' })
  archivedBy(@Root() pipeline: Pipeline): Actor | null {
    return pipeline.archivedAt ? actorOf(pipeline.archivedBy) : null;
  }
}
