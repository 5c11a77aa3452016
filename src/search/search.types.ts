import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Account, Contact } from '../accounts/accounts.public';
import { Lead } from '../leads/leads.public';

/** The record kinds `search` can find (deals join later). */
export enum SearchableType {
  ACCOUNT = 'ACCOUNT',
  CONTACT = 'CONTACT',
  LEAD = 'LEAD',
}
registerEnumType(SearchableType, { name: 'SearchableType', description: 'A kind of record that `search` finds.' });

@ObjectType({ description: 'One record found by `search`, with its display texts and relevance.' })
export class SearchHit {
  @Field(() => SearchableType)
  type: SearchableType;

  @Field(() => ID)
  id: string;

  @Field({ description: 'Display name: the account name, the contact\'s full name, or the lead\'s title.' })
  title: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Secondary line: legal name and tax id of an account; account name and position of a contact (else its first email); ' +
      'company and person of a lead (else its first email).',
  })
  subtitle: string | null;

  @Field(() => Float, {
    description:
      'Relevance, best first: trigram similarity of the query with the whole record (0 to 1), plus half its similarity with ' +
      'the title (0 to 0.5), plus up to 1 for an exact or prefix match on name, tax id, email or phone.',
  })
  score: number;

  @Field(() => Account, { nullable: true, description: 'The account, when type is ACCOUNT.' })
  account: Account | null;

  @Field(() => Contact, { nullable: true, description: 'The contact, when type is CONTACT.' })
  contact: Contact | null;

  @Field(() => Lead, { nullable: true, description: 'The lead, when type is LEAD.' })
  lead: Lead | null;
}
