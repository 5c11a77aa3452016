import type { DataSource } from 'typeorm';
import { AccountUpsertService } from './accounts/account-upsert.service';
import { AccountCharacteristicsService } from './accounts/characteristics/account-characteristics.service';
import { CharacteristicDefinitionsService } from './accounts/characteristics/characteristic-definitions.service';
import { AccountInterestsService } from './accounts/interests/account-interests.service';
import { InterestAreasService } from './accounts/interests/interest-areas.service';
import { AccountRelationshipsService } from './accounts/relationships/account-relationships.service';
import { RelationshipTypesService } from './accounts/relationships/relationship-types.service';
import { AccountsService } from './accounts/accounts.service';
import { ContactUpsertService } from './accounts/contact-upsert.service';
import { ContactsService } from './accounts/contacts.service';
import { ProductCategoriesService } from './catalog/product-categories.service';
import { ProductUpsertService } from './catalog/product-upsert.service';
import { ProductsService } from './catalog/products.service';
import { DealLinesService } from './deals/deal-lines.service';
import { DealMovesService } from './deals/deal-moves.service';
import { DealUpsertService } from './deals/deal-upsert.service';
import { DealsService } from './deals/deals.service';
import { DealLostReasonsService } from './deals/lost-reasons.service';
import { PipelinesService } from './deals/pipelines.service';
import { CommentsService } from './accounts/comments.service';
import { DocumentTypesService } from './documents/document-types.service';
import { DocumentsService } from './documents/documents.service';
import { SearchService } from './search/search.service';
import { DuplicatesService } from './leads/duplicates.service';
import { LeadRoutingService } from './leads/lead-routing.service';
import { LeadUpsertService } from './leads/lead-upsert.service';
import { LeadCloseReasonsService, LeadSourcesService } from './leads/lead-settings.service';
import { LeadsService } from './leads/leads.service';
import { WebFormPostsService } from './leads/forms/web-form-posts.service';
import { WebFormsService } from './leads/forms/web-forms.service';
import { TokenBuckets } from './platform/rate-limit/token-bucket';
import { LeadConversionService } from './leads/lead-conversion.service';
import { FollowUpActivityDefinitionsService, FollowUpSettingsReader, FollowUpStatesService, FollowUpTypesService } from './follow-ups/follow-up-settings.service';
import { FollowUpCountersService } from './follow-ups/follow-up-counters.service';
import { FollowUpEntriesService } from './follow-ups/follow-up-entries.service';
import { registerFollowUpKind } from './follow-ups/follow-up-record';
import { LeadImportRunner } from './leads/import/lead-import.runner';
import { LeadImportsService } from './leads/import/lead-imports.service';
import { FollowUpsService } from './follow-ups/follow-ups.service';
import { targetOwnersVia } from './follow-ups/follow-up-target-owners';
import { AgendaService } from './follow-ups/agenda.service';
import { InboundService } from './inbound/inbound.service';
import { ApiKeysService } from './identity/api-keys.service';
import { AuthService } from './identity/auth.service';
import { MembersService } from './identity/members.service';
import { TeamsService } from './identity/teams.service';
import { WorkspacesService } from './identity/workspaces.service';
import type { AccessTokens } from './platform/auth/access-tokens';
import { PrincipalCache } from './platform/auth/principal-cache';
import type { Config } from './platform/config/config';
import type { Logger } from './platform/logging/logger';
import type { EventBus } from './platform/events/event-bus';
import { RecordKindRegistry } from './platform/records/record-kinds';
import { WorkspaceSeeds } from './platform/settings/workspace-seeds';
import { TimelineService } from './platform/timeline/timeline.service';

export interface ServiceDeps {
  db: DataSource;
  config: Config;
  tokens: AccessTokens;
  logger: Logger;
  /** Cross-instance events (absent in scripts that need no real-time delivery). */
  events?: EventBus;
}

/** Wires every domain service once per process (no DI framework: plain constructors). */
export function createServices(deps: ServiceDeps) {
  const { db, config, tokens, events } = deps;
  const timeline = new TimelineService(db, events);
  // What every new workspace starts with: domains register their defaults (lead sources) as they are created.
  const workspaceSeeds = new WorkspaceSeeds();
  const workspaces = new WorkspacesService(db, timeline, events);
  // Identity's commands that change rights forget the principals they change, here and (through the bus) elsewhere.
  const principals = new PrincipalCache({ ttlSeconds: config.AUTH_CACHE_TTL_SECONDS, events });
  const members = new MembersService(db, timeline, events, principals);
  // Every kind of record: domain services register theirs (find / lock / anchor) as they are created.
  const records = new RecordKindRegistry();
  const accounts = new AccountsService(db, records, timeline, members, workspaces, events);
  const contacts = new ContactsService(db, records, timeline, accounts, members, workspaces);
  const documentTypes = new DocumentTypesService(db, timeline, workspaceSeeds);
  const documents = new DocumentsService(db, config.MAX_UPLOAD_BYTES, records, documentTypes, timeline);
  const productCategories = new ProductCategoriesService(db, timeline);
  const products = new ProductsService(db, records, timeline, productCategories);
  const pipelines = new PipelinesService(db, timeline);
  // Every new workspace starts with a sales process (deals' default pipeline and lost reasons).
  workspaceSeeds.register((manager, _workspaceId, owner) => pipelines.seedWorkspace(manager, owner));
  const dealLostReasons = new DealLostReasonsService(db, timeline);
  const deals = new DealsService(db, records, timeline, events, accounts, contacts, members, products, pipelines);
  const leadSources = new LeadSourcesService(db, timeline, workspaceSeeds);
  const leadCloseReasons = new LeadCloseReasonsService(db, timeline);
  const leads = new LeadsService(db, records, timeline, members, workspaces, leadSources, leadCloseReasons, events);
  const leadAssignmentRules = new LeadRoutingService(db, timeline, members, leadSources);
  leads.useRouter(leadAssignmentRules);
  // Shared by every instance (PostgreSQL token buckets): web forms now, webhooks and the API later.
  const rateLimits = new TokenBuckets(db);
  const perMinute = (count: number) => ({ capacity: count, refillPerSecond: count / 60 });
  const webFormPosts = new WebFormPostsService(leads, workspaces, rateLimits, {
    perIp: perMinute(config.FORM_POSTS_PER_IP_PER_MINUTE),
    perForm: perMinute(config.FORM_POSTS_PER_FORM_PER_MINUTE),
  });
  const followUpTypes = new FollowUpTypesService(db, timeline, workspaceSeeds);
  const followUpStates = new FollowUpStatesService(db, timeline, workspaceSeeds);
  const followUpActivityDefinitions = new FollowUpActivityDefinitionsService(db, timeline, workspaceSeeds);
  const followUps = new FollowUpsService(db, records, timeline, members, workspaces, followUpTypes, followUpStates, events);
  registerFollowUpKind(records, followUps);
  // A follow-up opened or closed on an account or deal moves its owners' IDLE count, whoever is assigned.
  followUps.useTargetOwners(targetOwnersVia(accounts, deals));
  const followUpCounters = new FollowUpCountersService(followUps, workspaces, members, leads, accounts, deals);
  const duplicates = new DuplicatesService(db, accounts, contacts, leads, workspaces);
  const leadUpserts = new LeadUpsertService(db, leads, leadSources, members, workspaces, timeline);
  const leadImports = new LeadImportsService(db, leads, config.IMPORT_MAX_BYTES);
  return {
    events,
    auth: new AuthService(db, tokens, config, principals, workspaceSeeds),
    workspaces,
    members,
    teams: new TeamsService(db, timeline),
    apiKeys: new ApiKeysService(db, timeline, events, principals),
    timeline,
    accounts,
    accountUpserts: new AccountUpsertService(db, accounts, timeline, members, workspaces),
    contacts,
    contactUpserts: new ContactUpsertService(db, contacts, accounts, timeline, members, workspaces),
    records,
    comments: new CommentsService(db, records, timeline),
    relationshipTypes: new RelationshipTypesService(db, timeline),
    accountRelationships: new AccountRelationshipsService(db, accounts, timeline),
    characteristicDefinitions: new CharacteristicDefinitionsService(db, timeline),
    accountCharacteristics: new AccountCharacteristicsService(db, accounts, timeline),
    interestAreas: new InterestAreasService(db, timeline),
    accountInterests: new AccountInterestsService(db, accounts, timeline),
    documentTypes,
    documents,
    productCategories,
    products,
    productUpserts: new ProductUpsertService(db, products, productCategories, timeline),
    search: new SearchService(db, accounts, contacts, deals, leads),
    pipelines,
    dealLostReasons,
    deals,
    dealLines: new DealLinesService(db, deals),
    dealMoves: new DealMovesService(db, deals, dealLostReasons, accounts),
    dealUpserts: new DealUpsertService(db, deals, accounts, members, pipelines, timeline),
    leadSources,
    leadCloseReasons,
    leadAssignmentRules,
    leads,
    rateLimits,
    webForms: new WebFormsService(db, timeline, leadSources, leadAssignmentRules),
    webFormPosts,
    duplicates,
    leadUpserts,
    leadImports,
    leadImportRunner: new LeadImportRunner(db, leadImports, leads, leadUpserts, duplicates, workspaces, members, config.IMPORT_BATCH_ROWS, deps.logger, events),
    leadConversions: new LeadConversionService(db, leads, accounts, contacts, deals, documents, timeline),
    followUpTypes,
    followUpStates,
    followUpActivityDefinitions,
    followUpSettings: new FollowUpSettingsReader(followUpTypes, followUpStates, followUpActivityDefinitions, workspaces),
    followUps,
    followUpEntries: new FollowUpEntriesService(db, followUps, followUpActivityDefinitions),
    followUpCounters,
    agenda: new AgendaService(followUps, followUpCounters),
    inbound: new InboundService(db, records, timeline, workspaces, contacts, leads, documents),
  };
}

export type Services = ReturnType<typeof createServices>;

// Completes platform's view of the services (RequestContext.services).
declare module './platform/context/context' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the services into platform's interface
  interface AppServices extends Services {}
}
