import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Membership } from '../identity/identity.public';
import { AuditedRecord } from '../platform/db/audited-record';
import { DecimalScalar, EmailAddressScalar, PhoneNumberScalar } from '../platform/graphql/scalars';
import { declareRecordType } from '../platform/records/record-types';
import { LeadCloseReason, LeadSource } from './lead-settings.entity';

export enum LeadStatus {
  NEW = 'NEW',
  IN_PROGRESS = 'IN_PROGRESS',
  CONVERTED = 'CONVERTED',
  CLOSED = 'CLOSED',
}
registerEnumType(LeadStatus, {
  name: 'LeadStatus',
  description: 'Where a lead is: NEW (not worked yet), IN_PROGRESS, CONVERTED (became an account / contact / deal) or CLOSED (with a result).',
  valuesConfig: {
    NEW: { description: 'Captured, not worked yet (the status of every new lead).' },
    IN_PROGRESS: { description: 'Being worked (set with updateLead).' },
    CONVERTED: { description: 'Converted into an account, a contact and maybe a deal (convertLead); final.' },
    CLOSED: { description: 'Closed without conversion (closeLead), with a result and maybe a reason; final.' },
  },
});

export enum LeadCloseResult {
  DISQUALIFIED = 'DISQUALIFIED',
  LOST = 'LOST',
  DUPLICATE = 'DUPLICATE',
  JUNK = 'JUNK',
}
registerEnumType(LeadCloseResult, {
  name: 'LeadCloseResult',
  description: 'How a lead ended without conversion; the close reason (a settings list) says why in the workspace\'s terms.',
  valuesConfig: {
    DISQUALIFIED: { description: 'Not a fit: no need, no budget, outside the market.' },
    LOST: { description: 'A real prospect who chose otherwise or stopped answering.' },
    DUPLICATE: { description: 'The same person or company as another lead, contact or account.' },
    JUNK: { description: 'Spam, a test or unusable data.' },
  },
});

@ObjectType({ description: 'UTM parameters of the visit that brought a lead (web forms, mailings).' })
export class LeadUtm {
  @Field(() => String, { nullable: true, description: 'utm_source, e.g. "newsletter".' }) source?: string | null;
  @Field(() => String, { nullable: true, description: 'utm_medium, e.g. "email".' }) medium?: string | null;
  @Field(() => String, { nullable: true, description: 'utm_campaign.' }) campaign?: string | null;
  @Field(() => String, { nullable: true, description: 'utm_term.' }) term?: string | null;
  @Field(() => String, { nullable: true, description: 'utm_content.' }) content?: string | null;
}

@ObjectType({ description: 'How a lead was captured, as the channel reported it; every field optional.' })
export class LeadSourceDetails {
  @Field(() => String, { nullable: true, description: 'The web form that captured it (its id or key).' }) formId?: string | null;
  @Field(() => LeadUtm, { nullable: true, description: 'The UTM parameters of the visit.' }) utm?: LeadUtm | null;
  @Field(() => String, { nullable: true, description: 'The Message-ID of the email that created it.' }) messageId?: string | null;
  @Field(() => PhoneNumberScalar, { nullable: true, description: 'The number that called (E.164).' }) callerNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'The page the lead came from (referrer URL).' }) referrer?: string | null;
}

@ObjectType({ description: 'A potential customer not yet qualified (prospecto): captured, routed to a seller, worked, then converted or closed.' })
@Entity('leads')
@Index('leads_workspace_external_id_key', ['workspaceId', 'externalId'], { unique: true, where: 'external_id IS NOT NULL' })
@Index('leads_workspace_created_idx', ['workspaceId', 'createdAt', 'id'])
@Index('leads_workspace_updated_idx', ['workspaceId', 'updatedAt', 'id'])
@Index('leads_workspace_assignee_idx', ['workspaceId', 'assigneeMembershipId', 'createdAt'])
@Index('leads_workspace_team_idx', ['workspaceId', 'teamId'])
@Index('leads_workspace_status_idx', ['workspaceId', 'status', 'createdAt'])
// Trigram index (workspace_id, search_text) created by hand in the migration (btree_gin + pg_trgm).
@Index('leads_search_trgm_idx', { synchronize: false })
// GIN (workspace_id, emails) and (workspace_id, phones), by hand in the InboundMessages migration: finding a party by
// email / phone (inbound) and the duplicate look-ups of imports.
@Index('leads_emails_gin_idx', { synchronize: false })
@Index('leads_phones_gin_idx', { synchronize: false })
export class Lead extends AuditedRecord {
  @Field(() => ID, { description: 'The lead\'s id (uuid).' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Field({ description: 'What the lead is about; given, or else its company name, person name, first email or first phone.' })
  @Column({ type: 'text' })
  title: string;

  @Field(() => String, { nullable: true, description: 'The company the lead is about, as captured (not an account yet).' })
  @Column({ type: 'text', nullable: true })
  companyName: string | null;

  @Field(() => String, { nullable: true, description: 'The person to talk to, as captured (not a contact yet).' })
  @Column({ type: 'text', nullable: true })
  personName: string | null;

  @Field(() => [EmailAddressScalar], { description: 'Lower case, without repeats.' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  emails: string[];

  @Field(() => [PhoneNumberScalar], { description: 'E.164.' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  phones: string[];

  @Field(() => String, { nullable: true, description: 'A web address (https:// added when written without a scheme).' })
  @Column({ type: 'text', nullable: true })
  website: string | null;

  @Field(() => ID, { description: 'The source (see `source`).' })
  @Column({ type: 'uuid' })
  sourceId: string;

  @ManyToOne(() => LeadSource, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_id' })
  source?: LeadSource;

  @Field(() => LeadSourceDetails, { nullable: true, description: 'What the capturing channel reported (form, UTM, message, caller); null when nothing.' })
  @Column({ type: 'jsonb', nullable: true })
  sourceDetails: LeadSourceDetails | null;

  @Field(() => LeadStatus, { description: 'NEW when captured; CLOSED and CONVERTED are final.' })
  @Column({ type: 'varchar', length: 16, default: LeadStatus.NEW })
  status: LeadStatus;

  @Field(() => LeadCloseResult, { nullable: true, description: 'Set when CLOSED.' })
  @Column({ type: 'varchar', length: 16, nullable: true })
  closeResult: LeadCloseResult | null;

  @Column({ type: 'uuid', nullable: true })
  closeReasonId: string | null;

  @ManyToOne(() => LeadCloseReason, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'close_reason_id' })
  closeReason?: LeadCloseReason;

  @Field(() => String, { nullable: true, description: 'Free text given when closing.' })
  @Column({ type: 'text', nullable: true })
  closeNote: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was closed (UTC).' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;

  /** The member working the lead; null while unassigned (then MANAGER+ and its routing team see it). */
  @Column({ type: 'uuid', nullable: true })
  assigneeMembershipId: string | null;

  @ManyToOne(() => Membership, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_membership_id' })
  assignee?: Membership;

  @Field(() => Date, { nullable: true, description: 'When the current assignee got it (UTC).' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  assignedAt: Date | null;

  /** The team the lead was routed to: its members see it while unassigned (and, with TEAM scope, always). */
  @Column({ type: 'uuid', nullable: true })
  teamId: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'What the lead may be worth, in `currency`; exact, scale kept.' })
  @Column({ type: 'numeric', nullable: true })
  expectedValue: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-4217 code of expectedValue (set together with it).' })
  @Column({ type: 'varchar', length: 3, nullable: true })
  currency: string | null;

  @Field(() => String, { nullable: true, description: 'Free text.' })
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Field(() => String, { nullable: true, description: 'The integrator\'s id; unique per workspace; the key of upsertLeads.' })
  @Column({ type: 'text', nullable: true })
  externalId: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was converted (UTC).' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  convertedAt: Date | null;

  /** The member credited with the conversion (commissions). */
  @Column({ type: 'uuid', nullable: true })
  convertedByMembershipId: string | null;

  @ManyToOne(() => Membership, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'converted_by_membership_id' })
  convertedBy?: Membership;

  @Field(() => ID, { nullable: true, description: 'The account the lead was converted into; null until converted (see `convertedAccount`).' })
  @Column({ type: 'uuid', nullable: true })
  convertedAccountId: string | null;

  @Field(() => ID, { nullable: true, description: 'The contact the lead was converted into; null when none (see `convertedContact`).' })
  @Column({ type: 'uuid', nullable: true })
  convertedContactId: string | null;

  @Field(() => ID, { nullable: true, description: 'The deal the conversion created; null when none (see `convertedDeal`).' })
  @Column({ type: 'uuid', nullable: true })
  convertedDealId: string | null;

  /** Folded title, company, person, emails, website and phone digits: what search matches (trigram-indexed). */
  @Column({ type: 'text', default: '' })
  searchText: string;
}

// Leads are records of their own kind (timeline entries, documents, comments).
declare module '../platform/records/record-types' {
  interface RecordTypes {
    LEAD: 'LEAD';
  }
}
declareRecordType('LEAD');
