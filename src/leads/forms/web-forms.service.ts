import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { BadUserInputError, ConflictError, NotFoundError } from '../../platform/errors/errors';
import { ErrorReason } from '../../platform/errors/error-reason';
import { defineSettingsList, SettingsList } from '../../platform/settings/settings-list';
import type { TimelineService } from '../../platform/timeline/timeline.service';
import { parseInput } from '../../platform/validation/parse-input';
import type { LeadRoutingService } from '../lead-routing.service';
import { leadsGuard, type LeadSourcesService } from '../lead-settings.service';
import { WebForm } from './web-form.entity';
import { CreateWebFormInput, createWebFormSchema, UpdateWebFormInput, updateWebFormSchema } from './web-form.inputs';

export const webForms = defineSettingsList({
  entity: WebForm,
  plural: 'webForms',
  guard: { read: leadsGuard.read, write: leadsGuard.settings },
  // The shared create/update are overridden below (public key, source default, version): these only type the inputs.
  create: { input: CreateWebFormInput, schema: createWebFormSchema as never },
  update: { input: UpdateWebFormInput, schema: updateWebFormSchema as never },
  descriptions: {
    list: 'The workspace\'s web forms, by name: their fields, mapping, origins and public keys. Any member (leads:read).',
    create:
      'Adds a web form with a fresh public key. BAD_USER_INPUT (extensions.fields) for invalid fields or mapping (a repeated name, a ' +
      'SELECT without options, EMAIL/PHONE mapped from another type, a single target twice, nothing a title can come from), an ' +
      'origin that is not exact, a source or assignment rule not usable in this workspace.',
    update: 'BAD_USER_INPUT as create; NOT_FOUND outside the workspace; CONFLICT (VERSION_MISMATCH) when expectedVersion is stale.',
    archive: 'The form stops accepting posts (404 NOT_FOUND); its leads keep it in their source details. NOT_FOUND outside the workspace.',
  },
});

/** 24 random bytes: 32 url-safe characters, 192 bits, so keys cannot be guessed or enumerated. */
const newPublicKey = (): string => randomBytes(24).toString('base64url');

const DEFAULT_THANK_YOU = 'Thank you, we will be in touch.';

/** What a visitor sees after a successful post. */
export const thankYouOf = (form: WebForm): string => form.thankYouMessage ?? DEFAULT_THANK_YOU;

/**
 * Web forms: a settings list of the workspace (names unique, settings history, archive keeps the row) with rules of
 * its own: the public key, the WEB_FORM source by default, a usable source and an active assignment rule, and
 * `expectedVersion`. The public side (posts, widget) is web-form-posts.service.ts.
 */
export class WebFormsService extends SettingsList<WebForm> {
  constructor(
    db: DataSource,
    timeline: TimelineService,
    private readonly sources: LeadSourcesService,
    private readonly rules: LeadRoutingService,
  ) {
    super(db, timeline, webForms);
  }

  override create(principal: Principal, input: unknown): Promise<WebForm> {
    this.assertMayEdit(principal);
    const data = parseInput(createWebFormSchema, input);
    return this.db.transaction(async (manager) => {
      await this.assertNameFree(manager, principal.workspaceId, data.name, null);
      const form = this.build(manager, {
        workspaceId: principal.workspaceId,
        name: data.name,
        publicKey: newPublicKey(),
        fields: data.fields,
        sourceId: await this.sourceIdFor(manager, principal, data.sourceId ?? null),
        assignmentRuleId: await this.ruleIdFor(manager, principal, data.assignmentRuleId ?? null),
        allowedOrigins: data.allowedOrigins ?? [],
        redirectUrl: data.redirectUrl ?? null,
        thankYouMessage: data.thankYouMessage || null,
        active: data.active ?? true,
        archivedAt: null,
      });
      return this.save(manager, principal, form);
    });
  }

  override update(principal: Principal, input: unknown): Promise<WebForm> {
    this.assertMayEdit(principal);
    const { id, expectedVersion, ...data } = parseInput(updateWebFormSchema, input);
    return this.db.transaction(async (manager) => {
      const form = await this.lock(manager, principal, id);
      if (expectedVersion != null && expectedVersion !== form.version) {
        throw new ConflictError('This web form changed since you read it', { reason: ErrorReason.VERSION_MISMATCH, currentVersion: form.version });
      }
      if (data.name != null && data.name !== form.name) {
        await this.assertNameFree(manager, principal.workspaceId, data.name, form.id);
        form.name = data.name;
      }
      if (data.fields != null) form.fields = data.fields;
      if (data.sourceId !== undefined) form.sourceId = await this.sourceIdFor(manager, principal, data.sourceId);
      if (data.assignmentRuleId !== undefined) form.assignmentRuleId = await this.ruleIdFor(manager, principal, data.assignmentRuleId);
      if (data.allowedOrigins !== undefined) form.allowedOrigins = data.allowedOrigins ?? [];
      if (data.redirectUrl !== undefined) form.redirectUrl = data.redirectUrl;
      if (data.thankYouMessage !== undefined) form.thankYouMessage = data.thankYouMessage || null;
      if (data.active != null) form.active = data.active;
      return this.save(manager, principal, form);
    });
  }

  /**
   * The form a public key names, of whatever workspace, while it takes posts (active, not archived); NOT_FOUND
   * otherwise (unknown, inactive and archived are not told apart). The key is the only credential of the endpoint.
   */
  async byPublicKey(publicKey: string): Promise<WebForm> {
    // Keys are global (the post names no workspace): find the form's workspace, then read it within it.
    const rows = /^[A-Za-z0-9_-]{16,64}$/.test(publicKey)
      ? await this.db.query<{ id: string; workspace_id: string }[]>('SELECT id, workspace_id FROM web_forms WHERE public_key = $1', [publicKey])
      : [];
    const [form] = rows.length ? await this.byIds(rows[0].workspace_id, [rows[0].id]) : [];
    if (!form || !form.active || form.archivedAt) throw new NotFoundError('Web form');
    return form;
  }

  private async sourceIdFor(manager: EntityManager, principal: Principal, sourceId: string | null): Promise<string> {
    if (sourceId) return (await this.sources.usable(manager, principal, sourceId, 'input.sourceId')).id;
    const source = await this.sources.byCode(manager, principal, 'WEB_FORM');
    if (!source) throw BadUserInputError.field('input.sourceId', 'is required: the workspace\'s WEB_FORM source is archived');
    return source.id;
  }

  private async ruleIdFor(manager: EntityManager, principal: Principal, ruleId: string | null): Promise<string | null> {
    if (!ruleId) return null;
    const [rule] = await this.rules.byIds(principal.workspaceId, [ruleId], manager);
    if (!rule || rule.archivedAt) throw BadUserInputError.field('input.assignmentRuleId', 'is not an active assignment rule of this workspace');
    return rule.id;
  }
}
