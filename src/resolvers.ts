import type { NonEmptyArray } from 'type-graphql';
import { AccountContactsResolver } from './accounts/account-contacts.resolver';
import { AccountDetailsResolver } from './accounts/account-details.resolver';
import { CharacteristicsResolver } from './accounts/characteristics/characteristics.resolver';
import { InterestsResolver } from './accounts/interests/interests.resolver';
import { AccountRelationshipViewResolver, RelationshipsResolver } from './accounts/relationships/relationships.resolver';
import { AccountsResolver } from './accounts/accounts.resolver';
import { SettingsHistoryResolver } from './accounts/settings-history.resolver';
import { TimelineSubscriptionResolver } from './accounts/timeline-subscription.resolver';
import { ProductCategoriesResolver, ProductsResolver } from './catalog/catalog.resolver';
import { AccountDealsResolver, DealFieldsResolver, DealLineFieldsResolver, DealStageChangeFieldsResolver } from './deals/deal-fields.resolver';
import { DealLinesResolver } from './deals/deal-lines.resolver';
import { DealMovesResolver } from './deals/deal-moves.resolver';
import { DealSubscriptionResolver } from './deals/deal-subscription.resolver';
import { DealsResolver } from './deals/deals.resolver';
import { DealLostReasonsResolver, PipelinesResolver } from './deals/pipelines.resolver';
import { CommentsResolver } from './accounts/comments.resolver';
import { ContactsResolver } from './accounts/contacts.resolver';
import { DocumentTypesResolver } from './documents/document-types.resolver';
import { DocumentsResolver } from './documents/documents.resolver';
import { AccountDocumentsResolver, ContactDocumentsResolver, FollowUpDocumentsResolver, LeadDocumentsResolver } from './documents/record-documents.resolver';
import {
  FollowUpActivityDefinitionsResolver,
  FollowUpActivityResolver,
  FollowUpEntriesResolver,
  FollowUpObservationResolver,
} from './follow-ups/follow-up-entries.resolver';
import { ActivitySubscriptionResolver } from './follow-ups/activity-subscription.resolver';
import { AgendaResolver, FollowUpPostponementResolver, FollowUpStatesResolver, FollowUpsResolver, FollowUpTypesResolver } from './follow-ups/follow-ups.resolver';
import { ActorMemberResolver } from './identity/actor-member.resolver';
import { ApiKeysResolver } from './identity/api-keys.resolver';
import { AuthResolver } from './identity/auth.resolver';
import { IdentityHistoryResolver } from './identity/identity-history.resolver';
import { MembersResolver } from './identity/members.resolver';
import { TeamsResolver } from './identity/teams.resolver';
import { WorkspaceSettingsResolver } from './identity/workspace-settings.resolver';
import { HealthResolver } from './platform/graphql/health.resolver';
import { MemberAssignedLeadsResolver } from './leads/assigned-leads.resolver';
import { WebFormsResolver } from './leads/forms/web-forms.resolver';
import { LeadImportResolver } from './leads/import/lead-import.resolver';
import { LeadImportSubscriptionResolver } from './leads/import/lead-import-subscription.resolver';
import { LeadAssignmentRulesResolver, LeadCloseReasonsResolver, LeadSourcesResolver, LeadsResolver } from './leads/leads.resolver';
import { SearchResolver } from './search/search.resolver';
import { TimelineEntryResolver } from './platform/timeline/timeline.resolver';

/** Every resolver class; a new domain adds its resolvers here. */
export const resolvers: NonEmptyArray<Function> = [
  HealthResolver,
  AuthResolver,
  MembersResolver,
  TeamsResolver,
  ApiKeysResolver,
  IdentityHistoryResolver,
  TimelineEntryResolver,
  ActorMemberResolver,
  AccountsResolver,
  AccountDetailsResolver,
  RelationshipsResolver,
  AccountRelationshipViewResolver,
  CharacteristicsResolver,
  InterestsResolver,
  WorkspaceSettingsResolver,
  CommentsResolver,
  SettingsHistoryResolver,
  TimelineSubscriptionResolver,
  DocumentTypesResolver,
  DocumentsResolver,
  AccountDocumentsResolver,
  ContactDocumentsResolver,
  SearchResolver,
  ContactsResolver,
  AccountContactsResolver,
  ProductCategoriesResolver,
  ProductsResolver,
  PipelinesResolver,
  DealLostReasonsResolver,
  DealsResolver,
  DealLinesResolver,
  DealMovesResolver,
  DealSubscriptionResolver,
  DealFieldsResolver,
  AccountDealsResolver,
  DealLineFieldsResolver,
  DealStageChangeFieldsResolver,
  LeadSourcesResolver,
  LeadCloseReasonsResolver,
  LeadAssignmentRulesResolver,
  WebFormsResolver,
  LeadsResolver,
  MemberAssignedLeadsResolver,
  LeadImportResolver,
  LeadImportSubscriptionResolver,
  LeadDocumentsResolver,
  FollowUpDocumentsResolver,
  FollowUpTypesResolver,
  FollowUpStatesResolver,
  FollowUpsResolver,
  FollowUpPostponementResolver,
  FollowUpActivityDefinitionsResolver,
  FollowUpEntriesResolver,
  FollowUpObservationResolver,
  FollowUpActivityResolver,
  AgendaResolver,
  ActivitySubscriptionResolver,
];
