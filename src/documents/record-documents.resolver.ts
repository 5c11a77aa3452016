import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Account, Contact } from '../accounts/accounts.public';
import { FollowUp } from '../follow-ups/follow-ups.public';
import { Lead } from '../leads/leads.public';
import type { RequestContext } from '../platform/context/context';
import { Document } from './document.entity';
import { RECORD_DOCUMENTS_LIMIT } from './documents.service';

const DESCRIPTION = 'The newest 100 documents of this record (all of them: `documents(recordId:)`).';

@Resolver(() => Account)
export class AccountDocumentsResolver {
  @FieldResolver(() => [Document], { description: DESCRIPTION })
  documents(@Root() account: Account, @Ctx() context: RequestContext): Promise<Document[]> {
    return context.loaders.documents.ofRecord.load({ parentId: account.id, args: { first: RECORD_DOCUMENTS_LIMIT } }).then((page) => page.nodes);
  }
}

@Resolver(() => Contact)
export class ContactDocumentsResolver {
  @FieldResolver(() => [Document], { description: DESCRIPTION })
  documents(@Root() contact: Contact, @Ctx() context: RequestContext): Promise<Document[]> {
    return context.loaders.documents.ofRecord.load({ parentId: contact.id, args: { first: RECORD_DOCUMENTS_LIMIT } }).then((page) => page.nodes);
  }
}

@Resolver(() => Lead)
export class LeadDocumentsResolver {
  @FieldResolver(() => [Document], { description: DESCRIPTION })
  documents(@Root() lead: Lead, @Ctx() context: RequestContext): Promise<Document[]> {
    return context.loaders.documents.ofRecord.load({ parentId: lead.id, args: { first: RECORD_DOCUMENTS_LIMIT } }).then((page) => page.nodes);
  }
}

@Resolver(() => FollowUp)
export class FollowUpDocumentsResolver {
  @FieldResolver(() => [Document], {
    description:
      'The newest 100 documents of this follow-up (all of them: `documents(recordId:)`), e.g. collection letters. ' +
      'Visible to whoever sees the follow-up (its target\'s portfolio, and its assignee). Each step of a chain has its own: ' +
      'continueFollowUp starts the next step with none.',
  })
  documents(@Root() followUp: FollowUp, @Ctx() context: RequestContext): Promise<Document[]> {
    return context.loaders.documents.ofRecord.load({ parentId: followUp.id, args: { first: RECORD_DOCUMENTS_LIMIT } }).then((page) => page.nodes);
  }
}
