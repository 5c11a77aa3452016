import type { DataSource, EntityManager } from 'typeorm';
import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';
import { Role } from '../identity/roles';
import type { GuardRule } from '../platform/auth/guard';
import type { Principal } from '../platform/auth/principal';
import { defineSettingsList, settingNameSchema, settingsListService } from '../platform/settings/settings-list';
import type { WorkspaceSeeds } from '../platform/settings/workspace-seeds';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { LeadCloseReason, LeadSource, type LeadSourceCode } from './lead-settings.entity';

/** Who reads and who works leads (any member, or leads:read / leads:write keys). */
export const leadsGuard: { read: GuardRule; write: GuardRule; settings: GuardRule } = {
  read: { scope: 'leads:read' },
  write: { scope: 'leads:write', role: Role.MEMBER },
  /** The leads' settings lists and assignment rules: ADMIN and OWNER (or leads:write keys). */
  settings: { scope: 'leads:write', role: Role.ADMIN },
};

@InputType({ description: 'A new lead source (its code is null: codes are the seeded sources\').' })
export class CreateLeadSourceInput {
  @Field({ description: 'Unique in the workspace, ignoring case; 1 to 200 characters.' }) name: string;
}

@InputType({ description: 'Renames a lead source (seeded ones too: their code stays).' })
export class UpdateLeadSourceInput {
  @Field(() => ID, { description: 'The source.' }) id: string;
  @Field(() => String, { nullable: true, description: 'A new name (unique ignoring case); null or left out: kept.' }) name?: string | null;
}

@InputType({ description: 'A new reason for closing leads.' })
export class CreateLeadCloseReasonInput {
  @Field({ description: 'Unique in the workspace, ignoring case; 1 to 200 characters.' }) name: string;
}

@InputType({ description: 'Renames a close reason.' })
export class UpdateLeadCloseReasonInput {
  @Field(() => ID, { description: 'The close reason.' }) id: string;
  @Field(() => String, { nullable: true, description: 'A new name (unique ignoring case); null or left out: kept.' }) name?: string | null;
}

const createSchema = z.object({ name: settingNameSchema });
const updateSchema = z.object({ id: z.string(), name: settingNameSchema.nullable().optional() });

const SEEDED_SOURCES: { name: string; code: LeadSourceCode }[] = [
  { name: 'Manual', code: 'MANUAL' },
  { name: 'Import', code: 'IMPORT' },
  { name: 'Web form', code: 'WEB_FORM' },
  { name: 'Email', code: 'EMAIL' },
  { name: 'Call', code: 'CALL' },
  { name: 'Mailing', code: 'MAILING' },
  { name: 'API', code: 'API' },
  { name: 'Referral', code: 'REFERRAL' },
];

/** Settings: where leads come from. Every workspace starts with the capture channels' sources (codes). */
export const leadSources = defineSettingsList({
  entity: LeadSource,
  plural: 'leadSources',
  guard: { read: leadsGuard.read, write: leadsGuard.settings },
  create: { input: CreateLeadSourceInput, schema: createSchema },
  update: { input: UpdateLeadSourceInput, schema: updateSchema },
  defaults: SEEDED_SOURCES,
  descriptions: {
    list: 'Lead sources of the workspace, by name (seeded: Manual, Import, Web form, Email, Call, Mailing, API, Referral). Any member (leads:read).',
    create: 'CONFLICT (NAME_TAKEN) for a used name.',
    update: 'NOT_FOUND outside the workspace; CONFLICT (NAME_TAKEN).',
    archive: 'Leads keep it; new leads can\'t use it (with MANUAL or API archived, createLead must name its source). NOT_FOUND outside the workspace.',
  },
});

/** Settings: why leads are closed. */
export const leadCloseReasons = defineSettingsList({
  entity: LeadCloseReason,
  plural: 'leadCloseReasons',
  guard: { read: leadsGuard.read, write: leadsGuard.settings },
  create: { input: CreateLeadCloseReasonInput, schema: createSchema },
  update: { input: UpdateLeadCloseReasonInput, schema: updateSchema },
  descriptions: {
    list: 'Reasons for closing leads, by name. Any member (leads:read).',
    create: 'CONFLICT (NAME_TAKEN) for a used name.',
    update: 'NOT_FOUND outside the workspace; CONFLICT (NAME_TAKEN).',
    archive: 'Closed leads keep it; new closings can\'t use it. NOT_FOUND outside the workspace.',
  },
});

export class LeadSourcesService extends settingsListService(leadSources) {
  constructor(db: DataSource, timeline: TimelineService, seeds: WorkspaceSeeds) {
    super(db, timeline);
    seeds.register((manager, workspaceId) => this.seedDefaults(manager, workspaceId));
  }

  /** The usable source with this system code (e.g. MANUAL for leads typed in), share-locked; null when archived. */
  async byCode(manager: EntityManager, principal: Principal, code: LeadSourceCode): Promise<LeadSource | null> {
    const rows = await manager.query<{ id: string }[]>(
      'SELECT id FROM lead_sources WHERE workspace_id = $1 AND code = $2 AND archived_at IS NULL FOR SHARE',
      [principal.workspaceId, code],
    );
    return rows.length ? this.usable(manager, principal, rows[0].id, 'input.sourceId') : null;
  }
}

export class LeadCloseReasonsService extends settingsListService(leadCloseReasons) {}
