import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Account, Contact } from '../accounts/accounts.public';
import { Deal } from '../deals/deals.public';
import { Lead } from '../leads/leads.public';

/** The record kinds `search` can find. */
export enum SearchableType {
  ACCOUNT = 'ACCOUNT',
  CONTACT = 'CONTACT',
  DEAL = 'DEAL',
  LEAD = 'LEAD',
}
registerEnumType(SearchableType, {
  name: 'SearchableType',
  description: 'A kind of record that `search` finds.',
  valuesConfig: {
    ACCOUNT: { description: 'Accounts, by name, legal name, tax id, emails and phones.' },
    CONTACT: { description: 'Contacts, by name, position, emails and phones.' },
    DEAL: { description: 'Deals, by title and externalId (API keys need deals:read).' },
    LEAD: { description: 'Leads of every status, by title, company, person, emails and phones (API keys need leads:read).' },
  },
});

@ObjectType({ description: 'One record found by `search`, with its display texts and relevance.' })
export class SearchHit {
  @Field(() => SearchableType, { description: 'The kind of record found; says which of account / contact / deal is set.' })
  type: SearchableType;

  @Field(() => ID, { description: 'The record\'s id (of the account or contact).' })
  id: string;

  @Field({ description: 'Display name: the account name, the contact\'s full name, or the deal\'s or lead\'s title.' })
  title: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Secondary line: legal name and tax id of an account; account name and position of a contact (else its first email); ' +
      'account name and status of a deal; company and person of a lead (else its first email).',
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

  @Field(() => Deal, { nullable: true, description: 'The deal, when type is DEAL.' })
  deal: Deal | null;
  @Field(() => Lead, { nullable: true, description: 'The lead, when type is LEAD.' })
  lead: Lead | null;
}
