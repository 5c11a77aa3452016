import { Field, ID, InputType, Int } from 'type-graphql';
import { DecimalScalar } from '../platform/graphql/scalars';
import { LeadCloseResult, LeadStatus } from './lead.entity';

const PHONES = 'Any common format; stored as E.164 (the workspace\'s default country applies to local numbers); at most 20.';
const VALUE = 'Non-negative, at most 4 decimals (e.g. "1500.00"); needs currency.';

@InputType({ description: 'UTM parameters of the visit that brought the lead; each at most 500 characters.' })
export class LeadUtmInput {
  @Field(() => String, { nullable: true, description: 'utm_source.' }) source?: string | null;
  @Field(() => String, { nullable: true, description: 'utm_medium.' }) medium?: string | null;
  @Field(() => String, { nullable: true, description: 'utm_campaign.' }) campaign?: string | null;
  @Field(() => String, { nullable: true, description: 'utm_term.' }) term?: string | null;
  @Field(() => String, { nullable: true, description: 'utm_content.' }) content?: string | null;
}

@InputType({ description: 'How the lead was captured; every field optional.' })
export class LeadSourceDetailsInput {
  @Field(() => String, { nullable: true, description: 'The capturing web form\'s id or key; at most 200 characters.' }) formId?: string | null;
  @Field(() => LeadUtmInput, { nullable: true, description: 'The UTM parameters of the visit.' }) utm?: LeadUtmInput | null;
  @Field(() => String, { nullable: true, description: 'Message-ID of the email that brought it; at most 998 characters.' }) messageId?: string | null;
  @Field(() => String, { nullable: true, description: 'The number that called, any common format (stored as E.164).' }) callerNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'The page the lead came from; at most 2,000 characters.' }) referrer?: string | null;
}

/** The fields of createLead and of an upsertLeads row. */
@InputType()
abstract class NewLeadFields {
  @Field(() => String, { nullable: true, description: 'At most 300 characters; default: the company name, else the person name, first email or phone.' })
  title?: string | null;
  @Field(() => String, { nullable: true, description: 'At most 300 characters.' }) companyName?: string | null;
  @Field(() => String, { nullable: true, description: 'At most 300 characters.' }) personName?: string | null;
  @Field(() => [String], { nullable: true, description: 'Email addresses (lower-cased, repeats dropped); at most 20.' }) emails?: string[];
  @Field(() => [String], { nullable: true, description: PHONES }) phones?: string[];
  @Field(() => String, { nullable: true, description: 'A web address; https:// is added when no scheme is given.' }) website?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'A non-archived lead source of this workspace; default: the MANUAL source (members) or API (API keys).',
  })
  sourceId?: string | null;
  @Field(() => LeadSourceDetailsInput, { nullable: true, description: 'What the capturing channel knows (form, UTM, message, caller).' })
  sourceDetails?: LeadSourceDetailsInput | null;
  @Field(() => ID, {
    nullable: true,
    description:
      'The member who works it. A MEMBER may name only themselves; MANAGER and above anyone active. Default: the ' +
      'workspace\'s assignment rules, else the member creating it (an API key\'s lead stays unassigned).',
  })
  assigneeId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The routing team (its members see the lead while it is unassigned); default: none, or the assignment rule\'s.' })
  teamId?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: VALUE }) expectedValue?: string | null;
  @Field(() => String, { nullable: true, description: 'ISO-4217 code of expectedValue (any case).' }) currency?: string | null;
  @Field(() => String, { nullable: true, description: 'At most 20,000 characters.' }) notes?: string | null;
}

@InputType({ description: 'A new lead. It needs something to show it by: a title, a company name, a person name, an email or a phone.' })
export class CreateLeadInput extends NewLeadFields {
  @Field(() => String, { nullable: true, description: 'The integrator\'s id; unique per workspace; at most 200 characters.' }) externalId?: string | null;
}

@InputType({ description: 'Changes to an open lead; fields left out are kept, null clears the optional ones. Assignment: assignLead.' })
export class UpdateLeadInput {
  @Field(() => ID, { description: 'The lead.' }) id: string;
  @Field(() => Int, { nullable: true, description: 'Fails with CONFLICT (VERSION_MISMATCH) when the lead changed since this version.' })
  expectedVersion?: number | null;
  @Field(() => LeadStatus, { nullable: true, description: 'NEW or IN_PROGRESS only (closeLead closes, convertLead converts).' }) status?: LeadStatus;
  @Field(() => String, { nullable: true, description: 'At most 300 characters; null: derived again from the other fields.' }) title?: string | null;
  @Field(() => String, { nullable: true, description: 'At most 300 characters.' }) companyName?: string | null;
  @Field(() => String, { nullable: true, description: 'At most 300 characters.' }) personName?: string | null;
  @Field(() => [String], { nullable: true, description: 'Replaces the emails.' }) emails?: string[];
  @Field(() => [String], { nullable: true, description: `Replaces the phones. ${PHONES}` }) phones?: string[];
  @Field(() => String, { nullable: true, description: 'A web address; https:// is added when no scheme is given.' }) website?: string | null;
  @Field(() => ID, { nullable: true, description: 'A non-archived lead source of this workspace.' }) sourceId?: string;
  @Field(() => LeadSourceDetailsInput, { nullable: true, description: 'Replaces the details.' }) sourceDetails?: LeadSourceDetailsInput | null;
  @Field(() => DecimalScalar, { nullable: true, description: VALUE }) expectedValue?: string | null;
  @Field(() => String, { nullable: true, description: 'ISO-4217 code of expectedValue (any case).' }) currency?: string | null;
  @Field(() => String, { nullable: true, description: 'At most 20,000 characters.' }) notes?: string | null;
  @Field(() => String, { nullable: true, description: 'Unique per workspace; null clears it.' }) externalId?: string | null;
}

@InputType({ description: 'Gives a lead to a member (or back to its team\'s pool).' })
export class AssignLeadInput {
  @Field(() => ID, { description: 'The lead.' }) leadId: string;
  @Field(() => ID, {
    nullable: true,
    description: 'An active member; null unassigns (MANAGER+). A MEMBER may only claim a lead for themselves.',
  })
  assigneeId: string | null;
  @Field(() => ID, { nullable: true, description: 'A new routing team (null clears it); left out: kept. MANAGER+ only.' }) teamId?: string | null;
  @Field(() => Int, { nullable: true, description: 'Fails with CONFLICT (VERSION_MISMATCH) when the lead changed since this version.' })
  expectedVersion?: number | null;
}

@InputType({ description: 'Closes an open lead without converting it.' })
export class CloseLeadInput {
  @Field(() => ID, { description: 'The lead.' }) leadId: string;
  @Field(() => LeadCloseResult, { description: 'How it ended.' }) result: LeadCloseResult;
  @Field(() => ID, { nullable: true, description: 'A non-archived close reason of this workspace (leadCloseReasons); optional.' }) reasonId?: string | null;
  @Field(() => String, { nullable: true, description: 'Free text; at most 2,000 characters.' }) note?: string | null;
  @Field(() => Int, { nullable: true, description: 'Fails with CONFLICT (VERSION_MISMATCH) when the lead changed since this version.' })
  expectedVersion?: number | null;
}

@InputType({ description: 'One lead of upsertLeads, keyed by externalId; the fields of createLead (a new lead without assignee is routed).' })
export class UpsertLeadRow extends NewLeadFields {
  @Field({ description: 'The key of the upsert; at most 200 characters.' }) externalId: string;
}

@InputType({ description: 'Rows of upsertLeads.' })
export class UpsertLeadsInput {
  @Field(() => [UpsertLeadRow], { description: 'Up to 1,000 rows.' }) rows: UpsertLeadRow[];
}
