import type { WorkspacesService } from '../../identity/workspaces.service';
import { systemPrincipal } from '../../platform/auth/principal';
import { BadUserInputError, type FieldProblem } from '../../platform/errors/errors';
import type { TokenBuckets, BucketLimit } from '../../platform/rate-limit/token-bucket';
import { emailAddress, normalisePhone } from '../../platform/text/normalize';
import type { LeadsService } from '../leads.service';
import { WebFormFieldType, WebFormTarget, type WebForm, type WebFormField } from './web-form.entity';

/** The hidden input every widget renders and people never fill: a post that fills it is a bot's (answered as a success). */
export const HONEYPOT_FIELD = '_website';
/** Optional posted names the endpoint reads besides the form's fields. */
export const PAGE_FIELD = '_page';
export const REFERRER_FIELD = '_referrer';
const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;

const MAX_LENGTH: Record<WebFormFieldType, number> = {
  TEXT: 500,
  EMAIL: 320,
  PHONE: 40,
  TEXTAREA: 5000,
  SELECT: 200,
};

/** What the endpoint knows of the request besides its body. */
export interface PostMeta {
  /** The Referer header (the page the form was posted from). */
  referer: string | null;
}

export interface PostLimits {
  perIp: BucketLimit;
  perForm: BucketLimit;
}

export type PostOutcome = { kind: 'created'; leadId: string } | { kind: 'honeypot' };

/** A posted value as text: strings as they are, numbers and booleans written out; arrays and objects are refused. */
function textOf(value: unknown): string | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/**
 * The public side of web forms: the rate limits of a sender and a form (shared by every instance), the honeypot,
 * the check of a post against the form's fields, and the lead it becomes, created through the lead service (one
 * transaction, routing applied) as the server itself (a SYSTEM actor) in the form's workspace.
 */
export class WebFormPostsService {
  constructor(
    private readonly leads: LeadsService,
    private readonly workspaces: WorkspacesService,
    private readonly buckets: TokenBuckets,
    private readonly limits: PostLimits,
  ) {}

  /** One token from the sender's bucket for this form, then one from the form's: RATE_LIMITED (retryAfterSeconds) when empty. */
  async limit(form: WebForm, clientIp: string): Promise<void> {
    await this.buckets.takeOrThrow(
      [
        { key: `form-ip:${form.id}:${clientIp}`, limit: this.limits.perIp },
        { key: `form:${form.id}`, limit: this.limits.perForm },
      ],
      'Too many posts of this form',
    );
  }

  async post(form: WebForm, body: Record<string, unknown>, meta: PostMeta): Promise<PostOutcome> {
    const honeypot = textOf(body[HONEYPOT_FIELD]);
    if (honeypot !== undefined && honeypot !== '') return { kind: 'honeypot' };
    const principal = systemPrincipal(form.workspaceId, ['leads:write']);
    const workspace = await this.workspaces.current(principal);
    const values = this.checked(form, body, workspace.defaultCountry);
    const input = { ...this.leadFieldsOf(form, values), sourceId: form.sourceId, sourceDetails: this.detailsOf(form, body, meta) };
    try {
      const lead = await this.leads.create(principal, input, { ruleId: form.assignmentRuleId });
      return { kind: 'created', leadId: lead.id };
    } catch (error) {
      // The lead's own rules (e.g. a phone not valid as a lead's) name lead fields: say which form field it was.
      if (error instanceof BadUserInputError) throw new BadUserInputError(this.asFormProblems(form, error.fields));
      throw error;
    }
  }

  /** Every field's value, normalised, or every problem at once (paths are the field names). */
  private checked(form: WebForm, body: Record<string, unknown>, defaultCountry: string | null): Map<string, string> {
    const problems: FieldProblem[] = [];
    const values = new Map<string, string>();
    for (const field of form.fields) {
      const raw = textOf(body[field.name]);
      if (raw === null) {
        problems.push({ path: field.name, message: 'must be a single value' });
        continue;
      }
      const value = (raw ?? '').trim();
      if (!value) {
        if (field.required) problems.push({ path: field.name, message: 'is required' });
        continue;
      }
      if (value.length > MAX_LENGTH[field.type]) {
        problems.push({ path: field.name, message: `must be at most ${MAX_LENGTH[field.type]} characters` });
        continue;
      }
      const problem = this.valueProblem(field, value, defaultCountry);
      if (typeof problem === 'string') problems.push({ path: field.name, message: problem });
      else values.set(field.name, problem.value);
    }
    if (problems.length) throw new BadUserInputError(problems, 'Some fields need attention');
    return values;
  }

  private valueProblem(field: WebFormField, value: string, defaultCountry: string | null): string | { value: string } {
    switch (field.type) {
      case WebFormFieldType.EMAIL: {
        const email = emailAddress.safeParse(value);
        return email.success ? { value: email.data } : 'must be a valid email address';
      }
      case WebFormFieldType.PHONE: {
        const phone = normalisePhone(value, defaultCountry);
        return phone.ok ? { value: phone.value } : phone.message;
      }
      case WebFormFieldType.SELECT:
        return field.options.includes(value) ? { value } : `must be one of: ${field.options.join(', ')}`;
      default:
        return { value };
    }
  }

  /** The lead's fields from the mapping; unmapped and NOTES fields become "Label: value" lines of the notes. */
  private leadFieldsOf(form: WebForm, values: Map<string, string>) {
    const single: Partial<Record<WebFormTarget, string>> = {};
    const emails: string[] = [];
    const phones: string[] = [];
    const notes: string[] = [];
    for (const field of form.fields) {
      const value = values.get(field.name);
      if (value === undefined) continue;
      if (field.mapsTo === WebFormTarget.EMAIL) emails.push(value);
      else if (field.mapsTo === WebFormTarget.PHONE) phones.push(value);
      else if (!field.mapsTo || field.mapsTo === WebFormTarget.NOTES) notes.push(`${field.label}: ${value}`);
      else single[field.mapsTo] = value;
    }
    return {
      title: single.TITLE ?? null,
      companyName: single.COMPANY_NAME ?? null,
      personName: single.PERSON_NAME ?? null,
      website: single.WEBSITE ?? null,
      emails,
      phones,
      notes: notes.length ? notes.join('\n') : null,
    };
  }

  /** The form, the UTM parameters (posted, else those of the page URL) and the referrer. */
  private detailsOf(form: WebForm, body: Record<string, unknown>, meta: PostMeta) {
    const page = textOf(body[PAGE_FIELD]) || meta.referer;
    const pageParams = urlParams(page);
    const utm = Object.fromEntries(UTM_KEYS.map((key) => [key, clip(textOf(body[`utm_${key}`]) || pageParams?.get(`utm_${key}`), 500)]));
    const referrer = clip(textOf(body[REFERRER_FIELD]) || page, 2000);
    return { formId: form.id, utm: Object.values(utm).some(Boolean) ? utm : null, referrer };
  }

  private asFormProblems(form: WebForm, problems: FieldProblem[]): FieldProblem[] {
    const TARGET_OF: Record<string, WebFormTarget> = {
      title: WebFormTarget.TITLE,
      companyName: WebFormTarget.COMPANY_NAME,
      personName: WebFormTarget.PERSON_NAME,
      emails: WebFormTarget.EMAIL,
      phones: WebFormTarget.PHONE,
      website: WebFormTarget.WEBSITE,
      notes: WebFormTarget.NOTES,
    };
    return problems.map((problem) => {
      const leadField = problem.path.split('.')[1] ?? '';
      const field = form.fields.find((candidate) => candidate.mapsTo === TARGET_OF[leadField]);
      return { path: field?.name ?? problem.path.replace(/^input\./, ''), message: problem.message };
    });
  }
}

const clip = (value: string | null | undefined, max: number): string | null => (value ? value.trim().slice(0, max) || null : null);

function urlParams(url: string | null | undefined): URLSearchParams | null {
  if (!url) return null;
  try {
    return new URL(url).searchParams;
  } catch {
    return null;
  }
}
