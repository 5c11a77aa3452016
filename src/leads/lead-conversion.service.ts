import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import type { AccountsService } from '../accounts/accounts.service';
import type { Account, Contact } from '../accounts/accounts.public';
import { AccountType } from '../accounts/account-type';
import type { ContactsService } from '../accounts/contacts.service';
import type { DealsService } from '../deals/deals.service';
import type { Deal } from '../deals/deals.public';
import type { DocumentsService } from '../documents/documents.service';
import { actorRefOf } from '../platform/auth/actor';
import { allowedPrincipal } from '../platform/auth/guard';
import type { Principal } from '../platform/auth/principal';
import { Role } from '../identity/roles';
import { ErrorReason } from '../platform/errors/error-reason';
import { BadUserInputError, ConflictError } from '../platform/errors/errors';
import { RecordType } from '../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { parseInput } from '../platform/validation/parse-input';
import { Lead, LeadStatus } from './lead.entity';
import type { LeadsService } from './leads.service';

const id = z.uuid({ message: 'must be an id' });
/** A nested input object (a GraphQL input class instance): its fields are checked by the service that uses them. */
const fields = z.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'must be an object');

/** Exactly one of `existingId` and `new`. */
const existingOrNew = z
  .object({ existingId: id.nullable().optional(), new: fields.nullable().optional() })
  .refine((choice) => !!choice.existingId !== !!choice.new, { message: 'give exactly one of existingId and new' });

const convertLeadSchema = z.object({
  leadId: id,
  expectedVersion: z.number().int().nullable().optional(),
  account: existingOrNew,
  contact: existingOrNew.nullable().optional(),
  deal: fields.nullable().optional(),
});

/** What a conversion produced (the lead as it is now, and the records it created or linked). */
export interface Conversion {
  lead: Lead;
  account: Account;
  contact: Contact | null;
  deal: Deal | null;
}

/**
 * Lead conversion: one transaction through the accounts, contacts, deals and documents services (never their
 * tables). The lead row is locked first, so of concurrent conversions of one lead exactly one wins; the others then
 * see it CONVERTED (CONFLICT, LEAD_ALREADY_CONVERTED). Any failure (an invalid deal stage, a foreign account...)
 * rolls everything back.
 */
export class LeadConversionService {
  constructor(
    private readonly db: DataSource,
    private readonly leads: LeadsService,
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
    private readonly deals: DealsService,
    private readonly documents: DocumentsService,
    private readonly timeline: TimelineService,
  ) {}

  async convert(principal: Principal, input: unknown): Promise<Conversion> {
    const data = parseInput(convertLeadSchema, input);
    // An API key writes accounts (and deals) here too: it needs those scopes besides leads:write.
    allowedPrincipal({ principal, error: null }, [{ scope: 'accounts:write', role: Role.MEMBER }]);
    if (data.deal) this.deals.assertMayWrite(principal);
    return this.db.transaction(async (manager) => {
      const lead = await this.lockConvertible(manager, principal, data.leadId, data.expectedVersion);
      const because = { leadId: lead.id, leadTitle: lead.title };
      const account = data.account.existingId
        ? await this.linkedAccount(manager, principal, data.account.existingId, because)
        : await this.accounts.createWithin(manager, principal, promotedType(data.account.new ?? {}), 'input.account.new');
      const contact = data.contact ? await this.contactOf(manager, principal, account, data.contact) : null;
      const creditedId = principal.kind === 'member' ? principal.membershipId : lead.assigneeMembershipId;
      const deal = data.deal
        ? await this.deals.createWithin(
            manager,
            principal,
            { ...data.deal, accountId: account.id, contactIds: data.deal.contactIds ?? (contact ? [contact.id] : []) },
            { sourceLeadId: lead.id, convertedById: creditedId, root: 'input.deal' },
          )
        : null;

      // The lead's files and history now belong to the account.
      const documentsMoved = await this.documents.moveAll(manager, principal, lead.id, {
        recordType: RecordType.ACCOUNT,
        recordId: account.id,
        accountId: account.id,
        ownerMembershipId: null,
      });
      await this.timeline.linkToAccount(manager, principal, lead.id, account.id);

      Object.assign(lead, {
        status: LeadStatus.CONVERTED,
        convertedAt: new Date(),
        convertedByMembershipId: creditedId,
        convertedAccountId: account.id,
        convertedContactId: contact?.id ?? null,
        convertedDealId: deal?.id ?? null,
        updatedBy: actorRefOf(principal),
      });
      const saved = await manager.save(lead);
      await this.timeline.record(manager, principal, [
        {
          kind: 'LEAD_CONVERTED',
          recordType: RecordType.LEAD,
          recordId: saved.id,
          // Anchored to the account: its timeline shows the conversion.
          accountId: account.id,
          data: {
            title: saved.title,
            accountId: account.id,
            accountName: account.name,
            contactId: contact?.id ?? null,
            dealId: deal?.id ?? null,
            convertedById: creditedId,
            documentsMoved,
          },
        },
      ]);
      return { lead: saved, account, contact, deal };
    });
  }

  /** The visible lead, locked; CONFLICT when it is converted (LEAD_ALREADY_CONVERTED), closed or changed since. */
  private async lockConvertible(manager: EntityManager, principal: Principal, leadId: string, expectedVersion?: number | null): Promise<Lead> {
    const lead = await this.leads.lockVisible(manager, principal, leadId);
    if (lead.status === LeadStatus.CONVERTED) {
      throw new ConflictError('This lead is already converted', {
        reason: ErrorReason.LEAD_ALREADY_CONVERTED,
        convertedAccountId: lead.convertedAccountId,
        convertedAt: lead.convertedAt?.toISOString() ?? null,
      });
    }
    if (lead.status === LeadStatus.CLOSED) {
      throw new ConflictError('This lead is closed; reopen it by creating a new lead', { reason: ErrorReason.LEAD_CLOSED, status: lead.status });
    }
    if (expectedVersion != null && expectedVersion !== lead.version) {
      throw new ConflictError('This lead changed since you read it', { reason: ErrorReason.VERSION_MISMATCH, currentVersion: lead.version });
    }
    return lead;
  }

  /** An existing account in the caller's portfolio (NOT_FOUND otherwise), not archived, at least a PROSPECT. */
  private async linkedAccount(manager: EntityManager, principal: Principal, accountId: string, because: { leadId: string; leadTitle: string }): Promise<Account> {
    const account = await this.accounts.lockVisible(manager, principal, accountId);
    if (account.archivedAt) throw BadUserInputError.field('input.account.existingId', 'is archived: restore it first');
    return this.accounts.promoteToProspect(manager, principal, account, because);
  }

  private async contactOf(manager: EntityManager, principal: Principal, account: Account, choice: z.output<typeof existingOrNew>): Promise<Contact> {
    if (choice.existingId) {
      const contact = await this.contacts.lockVisible(manager, principal, choice.existingId);
      if (contact.accountId !== account.id) throw BadUserInputError.field('input.contact.existingId', 'is not a contact of the account');
      if (contact.archivedAt) throw BadUserInputError.field('input.contact.existingId', 'is archived: restore it first');
      return contact;
    }
    const fieldsGiven = choice.new ?? {};
    if (fieldsGiven.accountId != null && fieldsGiven.accountId !== account.id) {
      throw BadUserInputError.field('input.contact.new.accountId', 'must be left out: the contact belongs to the converted account');
    }
    return this.contacts.createWithin(manager, principal, { ...fieldsGiven, accountId: account.id }, 'input.contact.new');
  }
}

/** Converted leads are qualified: a new account of type LEAD is stored as a PROSPECT. */
const promotedType = (fieldsGiven: Record<string, unknown>): Record<string, unknown> =>
  fieldsGiven.type === AccountType.LEAD ? { ...fieldsGiven, type: AccountType.PROSPECT } : fieldsGiven;
