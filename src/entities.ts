import { AccountOwner } from './accounts/account-owner.entity';
import { Account } from './accounts/account.entity';
import { AccountCharacteristic } from './accounts/characteristics/account-characteristic.entity';
import { CharacteristicDefinition } from './accounts/characteristics/characteristic-definition.entity';
import { Contact } from './accounts/contact.entity';
import { AccountInterest } from './accounts/interests/account-interest.entity';
import { InterestArea } from './accounts/interests/interest-area.entity';
import { AccountRelationship } from './accounts/relationships/account-relationship.entity';
import { RelationshipType } from './accounts/relationships/relationship-type.entity';
import { ProductCategory } from './catalog/product-category.entity';
import { Product } from './catalog/product.entity';
import { DealLine } from './deals/deal-line.entity';
import { DealStageChange } from './deals/deal-stage-change.entity';
import { Deal } from './deals/deal.entity';
import { DealLostReason } from './deals/lost-reason.entity';
import { Pipeline, PipelineStage } from './deals/pipeline.entity';
import { DocumentContent } from './documents/document-content.entity';
import { DocumentType } from './documents/document-type.entity';
import { Document } from './documents/document.entity';
import { ApiKey } from './identity/api-key.entity';
import { LoginThrottle } from './identity/login-throttle.entity';
import { Membership } from './identity/membership.entity';
import { RefreshSession } from './identity/refresh-session.entity';
import { ServerSecret } from './identity/server-secret.entity';
import { Team, TeamMember } from './identity/team.entity';
import { User } from './identity/user.entity';
import { Workspace } from './identity/workspace.entity';
import { TimelineEntry } from './platform/timeline/timeline-entry.entity';
import { LeadCloseReason, LeadSource } from './leads/lead-settings.entity';
import { Lead } from './leads/lead.entity';
import { LeadImport, LeadImportFile, LeadImportFileChunk, LeadImportRow } from './leads/import/lead-import.entity';
import { LeadAssignmentRule } from './leads/lead-assignment-rule.entity';
import { WebForm } from './leads/forms/web-form.entity';
import { RateLimitBucket } from './platform/rate-limit/rate-limit-bucket.entity';
import { FollowUpActivityDefinition, FollowUpState, FollowUpType } from './follow-ups/follow-up-settings.entity';
import { FollowUpActivity, FollowUpObservation } from './follow-ups/follow-up-entries.entity';
import { FollowUp, FollowUpPostponement } from './follow-ups/follow-up.entity';
import { InboundMessage } from './inbound/inbound-message.entity';

/** Every TypeORM entity; a new domain adds its entities here. */
export const entities = [
  Workspace,
  User,
  Membership,
  Team,
  TeamMember,
  RefreshSession,
  ApiKey,
  LoginThrottle,
  ServerSecret,
  TimelineEntry,
  Account,
  ProductCategory,
  Product,
  AccountOwner,
  Contact,
  RelationshipType,
  AccountRelationship,
  CharacteristicDefinition,
  AccountCharacteristic,
  InterestArea,
  AccountInterest,
  DocumentType,
  Document,
  DocumentContent,
  InboundMessage,
  Pipeline,
  PipelineStage,
  DealLostReason,
  Deal,
  DealLine,
  DealStageChange,
  LeadSource,
  LeadCloseReason,
  Lead,
  LeadImportFile,
  LeadImportFileChunk,
  LeadImport,
  LeadImportRow,
  LeadAssignmentRule,
  WebForm,
  RateLimitBucket,
  FollowUpType,
  FollowUpState,
  FollowUp,
  FollowUpPostponement,
  FollowUpActivityDefinition,
  FollowUpObservation,
  FollowUpActivity,
];
