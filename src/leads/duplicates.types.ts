import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Account, Contact } from '../accounts/accounts.public';
import { SearchableType } from '../search/search.types';
import { Lead } from './lead.entity';

export enum DuplicateMatchField {
  EMAIL = 'EMAIL',
  PHONE = 'PHONE',
  TAX_ID = 'TAX_ID',
  NAME = 'NAME',
}
registerEnumType(DuplicateMatchField, {
  name: 'DuplicateMatchField',
  description: 'What a possible duplicate shares with what was looked for.',
  valuesConfig: {
    EMAIL: { description: 'An email address, ignoring case.' },
    PHONE: { description: 'A phone number, both in E.164.' },
    TAX_ID: { description: 'The tax id in canonical form (accounts only).' },
    NAME: { description: 'A similar name (trigram word similarity of at least 0.6, accents and case ignored).' },
  },
});

@ObjectType({ description: 'A lead, contact or account that may be the same party as what was looked for.' })
export class DuplicateCandidate {
  @Field(() => SearchableType, { description: 'ACCOUNT, CONTACT or LEAD.' })
  type: SearchableType;

  @Field(() => ID, { description: 'The id of the record found (an account, contact or lead, as `type` says).' })
  id: string;

  @Field({ description: 'The account name, the contact\'s full name, or the lead\'s title.' })
  title: string;

  @Field(() => Float, {
    description:
      'Likelihood, highest first: 1 for a shared email or tax id, 0.9 for a shared phone, 0.7 × the name similarity (0 to 1) ' +
      'otherwise; plus 0.1 for each further field that matches.',
  })
  score: number;

  @Field(() => [DuplicateMatchField], { description: 'The fields that match, strongest first.' })
  matchedOn: DuplicateMatchField[];

  @Field(() => Account, { nullable: true, description: 'The account, when type is ACCOUNT.' })
  account: Account | null;

  @Field(() => Contact, { nullable: true, description: 'The contact, when type is CONTACT.' })
  contact: Contact | null;

  @Field(() => Lead, { nullable: true, description: 'The lead, when type is LEAD.' })
  lead: Lead | null;
}
