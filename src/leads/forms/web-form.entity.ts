import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { SettingEntry } from '../../platform/settings/setting-entry';

export enum WebFormFieldType {
  TEXT = 'TEXT',
  EMAIL = 'EMAIL',
  PHONE = 'PHONE',
  TEXTAREA = 'TEXTAREA',
  SELECT = 'SELECT',
}
registerEnumType(WebFormFieldType, {
  name: 'WebFormFieldType',
  description: 'The kind of input a web form field is, and how a post of it is checked.',
  valuesConfig: {
    TEXT: { description: 'One line of text, at most 500 characters.' },
    EMAIL: { description: 'An email address (stored lower case).' },
    PHONE: { description: 'A phone number, read with the workspace\'s default country and stored as E.164.' },
    TEXTAREA: { description: 'Free text over several lines, at most 5,000 characters.' },
    SELECT: { description: 'One of the field\'s `options`, exactly.' },
  },
});

export enum WebFormTarget {
  TITLE = 'TITLE',
  COMPANY_NAME = 'COMPANY_NAME',
  PERSON_NAME = 'PERSON_NAME',
  EMAIL = 'EMAIL',
  PHONE = 'PHONE',
  WEBSITE = 'WEBSITE',
  NOTES = 'NOTES',
}
registerEnumType(WebFormTarget, {
  name: 'WebFormTarget',
  description: 'The lead field a web form field fills. TITLE, COMPANY_NAME, PERSON_NAME and WEBSITE take one form field each.',
  valuesConfig: {
    TITLE: { description: 'The lead\'s title (else derived from company, person, email or phone).' },
    COMPANY_NAME: { description: 'The lead\'s company name.' },
    PERSON_NAME: { description: 'The lead\'s person name.' },
    EMAIL: { description: 'Added to the lead\'s emails (an EMAIL field only; several fields may map here).' },
    PHONE: { description: 'Added to the lead\'s phones (a PHONE field only; several fields may map here).' },
    WEBSITE: { description: 'The lead\'s website.' },
    NOTES: { description: 'A "Label: value" line of the lead\'s notes (several fields may map here).' },
  },
});

/** One input of a web form, as stored (jsonb) and shown. */
@ObjectType({ description: 'One input of a web form.' })
export class WebFormField {
  @Field({ description: 'The name posted (`name=value`); a letter then letters, digits or _, at most 64; unique in the form.' }) name: string;
  @Field({ description: 'What the widget shows beside the input; 1 to 200 characters.' }) label: string;
  @Field(() => WebFormFieldType, { description: 'The kind of input, and how a post of it is checked.' }) type: WebFormFieldType;
  @Field({ description: 'Whether a post must give a non-empty value.' }) required: boolean;
  @Field(() => [String], { description: 'SELECT: the choices, in order (1 to 100, each 1 to 200 characters); empty for other types.' }) options: string[];
  @Field(() => WebFormTarget, { nullable: true, description: 'The lead field it fills; null: a "Label: value" line of the lead\'s notes.' })
  mapsTo: WebFormTarget | null;
}

/**
 * A web form of the workspace (a settings list with rules of its own, see web-forms.service.ts): what the public
 * endpoint `POST /forms/:publicKey` accepts and `GET /forms/:publicKey/widget.js` renders, and the lead it makes.
 */
@ObjectType({
  description:
    'A web form: the fields a public page posts to `POST /forms/{publicKey}` (or renders with `<script src="/forms/{publicKey}/widget.js">`), ' +
    'how they map to a new lead, its source and routing, the origins allowed to post from a browser, and what the visitor sees after.',
})
@Entity('web_forms')
@Index('web_forms_workspace_name_key', ['workspaceId', 'name'], { unique: true })
@Index('web_forms_public_key_key', ['publicKey'], { unique: true })
export class WebForm extends SettingEntry {
  @Field({ description: 'Unique in the workspace, ignoring case; 1 to 200 characters.' })
  @Column({ type: 'text' })
  name: string;

  @Field({ description: 'The form\'s public key (32 url-safe random characters) in its post and widget URLs; not a secret, not guessable.' })
  @Column({ type: 'text' })
  publicKey: string;

  @Field(() => [WebFormField], { description: 'The inputs, in the order the widget shows them (1 to 50).' })
  @Column({ type: 'jsonb' })
  fields: WebFormField[];

  @Field(() => ID, { description: 'The lead source new leads get (default: the workspace\'s WEB_FORM source).' })
  @Column({ type: 'uuid' })
  sourceId: string;

  @Field(() => ID, { nullable: true, description: 'The assignment rule applied to its leads; null: the workspace\'s rules, as for any new lead.' })
  @Column({ type: 'uuid', nullable: true })
  assignmentRuleId: string | null;

  @Field(() => [String], {
    description: 'Exact origins (scheme://host[:port], lower case) whose pages may post from a browser; a post or preflight from any other Origin is refused.',
  })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  allowedOrigins: string[];

  @Field(() => String, { nullable: true, description: 'Where a plain browser post is redirected (303) after success; null: the thank-you message.' })
  @Column({ type: 'text', nullable: true })
  redirectUrl: string | null;

  @Field(() => String, { nullable: true, description: 'What the visitor reads after posting (default "Thank you, we will be in touch."); at most 2,000 characters.' })
  @Column({ type: 'text', nullable: true })
  thankYouMessage: string | null;

  @Field({ description: 'Whether posts are accepted (an inactive or archived form answers 404 NOT_FOUND).' })
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Field(() => Int, { description: 'Raised by every change; pass it as expectedVersion to updateWebForm.' })
  @VersionColumn()
  version: number;
}
