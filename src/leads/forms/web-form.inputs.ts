import { Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { settingNameSchema } from '../../platform/settings/settings-list';
import { WebFormFieldType, WebFormTarget } from './web-form.entity';

@InputType({ description: 'One input of a web form.' })
export class WebFormFieldInput {
  @Field({ description: 'The name posted; a letter then letters, digits or _ (at most 64); unique in the form; not utm_*.' }) name: string;
  @Field({ description: 'What the widget shows; 1 to 200 characters.' }) label: string;
  @Field(() => WebFormFieldType, { description: 'The kind of input.' }) type: WebFormFieldType;
  @Field(() => Boolean, { nullable: true, description: 'Whether a post must give it; default false.' }) required?: boolean | null;
  @Field(() => [String], { nullable: true, description: 'SELECT only (required there): the choices, 1 to 100, each 1 to 200 characters, no repeats.' })
  options?: string[] | null;
  @Field(() => WebFormTarget, { nullable: true, description: 'The lead field it fills (EMAIL needs an EMAIL field, PHONE a PHONE one); null: a notes line.' })
  mapsTo?: WebFormTarget | null;
}

@InputType({ description: 'A new web form. It gets a fresh public key; it is active unless `active` is false.' })
export class CreateWebFormInput {
  @Field({ description: 'Unique in the workspace, ignoring case; 1 to 200 characters.' }) name: string;
  @Field(() => [WebFormFieldInput], { description: 'The inputs, in order (1 to 50). At least one must fill TITLE, COMPANY_NAME, PERSON_NAME, EMAIL or PHONE.' })
  fields: WebFormFieldInput[];
  @Field(() => ID, { nullable: true, description: 'A usable lead source of this workspace; default: the WEB_FORM source.' }) sourceId?: string | null;
  @Field(() => ID, { nullable: true, description: 'An active assignment rule of this workspace for its leads; default none (the workspace\'s rules apply).' })
  assignmentRuleId?: string | null;
  @Field(() => [String], { nullable: true, description: 'Exact origins allowed to post from a browser, e.g. "https://www.example.com" (http or https, no path; at most 20); default none.' })
  allowedOrigins?: string[] | null;
  @Field(() => String, { nullable: true, description: 'An absolute http(s) URL a plain browser post is redirected to (303) after success.' }) redirectUrl?: string | null;
  @Field(() => String, { nullable: true, description: 'Shown after posting; at most 2,000 characters; default "Thank you, we will be in touch."' })
  thankYouMessage?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether posts are accepted; default true.' }) active?: boolean | null;
}

@InputType({ description: 'Changes to a web form; fields left out are kept, null clears the optional ones. Its public key never changes.' })
export class UpdateWebFormInput {
  @Field(() => ID, { description: 'The web form.' }) id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a newer one is CONFLICT (VERSION_MISMATCH). Left out: not checked.' })
  expectedVersion?: number | null;
  @Field(() => String, { nullable: true, description: 'A new name (unique ignoring case).' }) name?: string | null;
  @Field(() => [WebFormFieldInput], { nullable: true, description: 'The new inputs, replacing all of them (rules as on create).' }) fields?: WebFormFieldInput[] | null;
  @Field(() => ID, { nullable: true, description: 'A usable lead source; null: back to the WEB_FORM source.' }) sourceId?: string | null;
  @Field(() => ID, { nullable: true, description: 'An active assignment rule; null: none.' }) assignmentRuleId?: string | null;
  @Field(() => [String], { nullable: true, description: 'The allowed origins, replacing them (null: none).' }) allowedOrigins?: string[] | null;
  @Field(() => String, { nullable: true, description: 'The redirect URL; null: none.' }) redirectUrl?: string | null;
  @Field(() => String, { nullable: true, description: 'The thank-you message; null: the default one.' }) thankYouMessage?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether posts are accepted.' }) active?: boolean | null;
}

/** Names the endpoint reads itself (honeypot, page, UTM): a form field may not take them. */
export const RESERVED_FIELD_NAME = /^(utm_|_)/i;
const SINGLE_TARGETS = new Set([WebFormTarget.TITLE, WebFormTarget.COMPANY_NAME, WebFormTarget.PERSON_NAME, WebFormTarget.WEBSITE]);
const IDENTIFYING = new Set([WebFormTarget.TITLE, WebFormTarget.COMPANY_NAME, WebFormTarget.PERSON_NAME, WebFormTarget.EMAIL, WebFormTarget.PHONE]);

const fieldSchema = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be a letter then letters, digits or _ (at most 64)')
      .refine((name) => !RESERVED_FIELD_NAME.test(name), 'is reserved (utm_* and names starting with _ are read by the endpoint)'),
    label: z.string().trim().min(1, 'must not be empty').max(200),
    type: z.enum(WebFormFieldType),
    required: z.boolean().nullable().optional().transform((value) => value ?? false),
    options: z.array(z.string().trim().min(1, 'must not be empty').max(200)).max(100).nullable().optional().transform((value) => value ?? []),
    mapsTo: z.enum(WebFormTarget).nullable().optional().transform((value) => value ?? null),
  })
  .superRefine((field, ctx) => {
    if (field.type === WebFormFieldType.SELECT && !field.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'is required for a SELECT field' });
    if (field.type !== WebFormFieldType.SELECT && field.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'is only for SELECT fields' });
    if (new Set(field.options).size !== field.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'must not repeat an option' });
    if (field.mapsTo === WebFormTarget.EMAIL && field.type !== WebFormFieldType.EMAIL) ctx.addIssue({ code: 'custom', path: ['mapsTo'], message: 'EMAIL takes an EMAIL field' });
    if (field.mapsTo === WebFormTarget.PHONE && field.type !== WebFormFieldType.PHONE) ctx.addIssue({ code: 'custom', path: ['mapsTo'], message: 'PHONE takes a PHONE field' });
  });

/** The fields as a whole: unique names, single targets once, and something a lead's title can come from. */
const fieldsSchema = z
  .array(fieldSchema)
  .min(1, 'must have at least one field')
  .max(50)
  .superRefine((fields, ctx) => {
    const names = new Set<string>();
    const targets = new Set<WebFormTarget>();
    fields.forEach((field, i) => {
      if (names.has(field.name.toLowerCase())) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'is used by another field of the form' });
      names.add(field.name.toLowerCase());
      if (field.mapsTo && SINGLE_TARGETS.has(field.mapsTo) && targets.has(field.mapsTo)) {
        ctx.addIssue({ code: 'custom', path: [i, 'mapsTo'], message: `${field.mapsTo} is filled by another field already` });
      }
      if (field.mapsTo) targets.add(field.mapsTo);
    });
    if (![...targets].some((target) => IDENTIFYING.has(target))) {
      ctx.addIssue({ code: 'custom', path: [], message: 'must map a field to TITLE, COMPANY_NAME, PERSON_NAME, EMAIL or PHONE (a lead needs a title)' });
    }
  });

/** An exact origin: http(s), host and optional port, nothing else; stored as the URL parser's lower-case origin. */
const originSchema = z.string().transform((raw, ctx) => {
  let url: URL | null = null;
  try {
    url = new URL(raw.trim());
  } catch {
    url = null;
  }
  const exact = url && ['http:', 'https:'].includes(url.protocol) && raw.trim().replace(/\/$/, '').toLowerCase() === url.origin.toLowerCase();
  if (!url || !exact) {
    ctx.addIssue({ code: 'custom', message: 'must be an exact origin such as https://www.example.com (http or https, no path, query or wildcard)' });
    return z.NEVER;
  }
  return url.origin;
});

const redirectSchema = z
  .string()
  .trim()
  .max(2000)
  .refine((raw) => {
    try {
      return ['http:', 'https:'].includes(new URL(raw).protocol);
    } catch {
      return false;
    }
  }, 'must be an absolute http or https URL');

const optionalFormFields = {
  sourceId: z.uuid({ message: 'must be a lead source id' }).nullable().optional(),
  assignmentRuleId: z.uuid({ message: 'must be an assignment rule id' }).nullable().optional(),
  allowedOrigins: z
    .array(originSchema)
    .max(20)
    .nullable()
    .optional()
    .transform((origins) => (origins == null ? origins : [...new Set(origins)])),
  redirectUrl: redirectSchema.nullable().optional(),
  thankYouMessage: z.string().trim().max(2000).nullable().optional(),
  active: z.boolean().nullable().optional(),
};

export const createWebFormSchema = z.object({ name: settingNameSchema, fields: fieldsSchema, ...optionalFormFields });
export const updateWebFormSchema = z.object({
  id: z.string(),
  expectedVersion: z.number().int().nullable().optional(),
  name: settingNameSchema.nullable().optional(),
  fields: fieldsSchema.nullable().optional(),
  ...optionalFormFields,
});
