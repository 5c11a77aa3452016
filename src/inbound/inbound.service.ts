import type { DataSource, EntityManager } from 'typeorm';
import type { ContactsService } from '../accounts/contacts.service';
import type { Document } from '../documents/documents.public';
import { downloadPathOf, type DocumentsService } from '../documents/documents.service';
import type { WorkspacesService } from '../identity/workspaces.service';
import type { Lead, LeadSourceCode } from '../leads/leads.public';
import type { LeadsService } from '../leads/leads.service';
import type { Principal } from '../platform/auth/principal';
import { scopeGranted } from '../platform/auth/scopes';
import { BadUserInputError, NotFoundError, type FieldProblem } from '../platform/errors/errors';
import type { LocatedRecord, RecordKindRegistry } from '../platform/records/record-kinds';
import { RecordType } from '../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { normalisePhone } from '../platform/text/normalize';
import { parseInput } from '../platform/validation/parse-input';
import { CallDirection, inboundCallSchema } from './inbound-call.schemas';
import { readInboundEmail, type InboundEmail } from './inbound-email';
import { InboundChannel } from './inbound-message.entity';

/** What an inbound endpoint answers: 201 the first time, 200 (with `duplicate: true`) for a repeat. */
export interface InboundAnswer {
  status: 200 | 201;
  body: Record<string, unknown>;
}

/** How many characters of the text an EMAIL_RECEIVED entry keeps (the lead's notes keep up to 20,000). */
export const EMAIL_EXCERPT_CHARS = 500;
const NOTES_MAX = 20_000;
const TITLE_MAX = 300;

/** Who the message or call is from, as the record it is filed on. */
interface Filed {
  record: LocatedRecord;
  /** The lead created for an unknown party; null when the party was known. */
  created: Lead | null;
}

/** Text PostgreSQL can store (no NUL), trimmed to `max` characters; null when empty. */
const storable = (value: string | null | undefined, max: number): string | null => {
  const text = (value ?? '').replaceAll('\u0000', '').trim();
  return text ? text.slice(0, max) : null;
};

/**
 * Inbound capture channels (README "Inbound email and calls"): a raw email or a call report is filed on the
 * contact or lead it comes from (EMAIL_RECEIVED / CALL timeline entry, attachments as documents), or creates a
 * lead through the lead service (routing applies). Matching uses the caller's visibility: an API key acts for
 * the whole workspace (contacts only with accounts:read, as in findDuplicates); a member sees their portfolio.
 * Each post is one transaction, idempotent per workspace on the message's key (inbound_messages).
 */
export class InboundService {
  constructor(
    private readonly db: DataSource,
    private readonly records: RecordKindRegistry,
    private readonly timeline: TimelineService,
    private readonly workspaces: WorkspacesService,
    private readonly contacts: ContactsService,
    private readonly leads: LeadsService,
    private readonly documents: DocumentsService,
  ) {}

  /** POST /inbound/email: one raw RFC 822 message. */
  async email(principal: Principal, raw: Buffer): Promise<InboundAnswer> {
    const message = await readInboundEmail(raw);
    return this.db.transaction(async (manager) => {
      const repeat = await this.claim(manager, principal, InboundChannel.EMAIL, message.key);
      if (repeat) return repeat;
      const filed = await this.fileOn(manager, principal, { email: message.from.address }, () => ({
        input: {
          title: storable(message.subject, TITLE_MAX),
          personName: storable(message.from.name, TITLE_MAX),
          emails: [message.from.address],
          notes: storable(message.text, NOTES_MAX),
          sourceDetails: message.messageId ? { messageId: message.messageId } : null,
        },
        sourceCode: 'EMAIL',
      }));
      const documents: Document[] = [];
      for (const [i, attachment] of message.attachments.entries()) {
        documents.push(await this.documents.attachTo(manager, principal, filed.record, attachment, { content: `input.attachments.${i}` }));
      }
      const [entryId] = await this.timeline.record(manager, principal, [
        {
          kind: 'EMAIL_RECEIVED',
          recordType: filed.record.recordType,
          recordId: filed.record.recordId,
          accountId: filed.record.accountId,
          data: emailEntryData(message, documents),
        },
      ]);
      const body = {
        duplicate: false,
        messageId: message.messageId,
        ...filedJson(filed),
        timelineEntryId: entryId,
        documents: documents.map(documentJson),
      };
      await this.settle(manager, principal, InboundChannel.EMAIL, message.key, filed.record, body);
      return { status: 201, body };
    });
  }

  /** POST /inbound/calls: one call report (JSON). */
  async call(principal: Principal, input: unknown): Promise<InboundAnswer> {
    const data = parseInput(inboundCallSchema, input);
    const { defaultCountry } = await this.workspaces.current(principal);
    const problems: FieldProblem[] = [];
    const numberOf = (raw: string, field: string): string => {
      const phone = normalisePhone(raw, defaultCountry);
      if (phone.ok) return phone.value;
      problems.push({ path: `input.${field}`, message: phone.message });
      return '';
    };
    const callerNumber = numberOf(data.callerNumber, 'callerNumber');
    const calledNumber = numberOf(data.calledNumber, 'calledNumber');
    if (problems.length) throw new BadUserInputError(problems);
    const startedAt = new Date(data.startedAt);
    // The other party: who called us, or whom we called.
    const party = data.direction === CallDirection.INBOUND ? callerNumber : calledNumber;
    const key = [callerNumber, calledNumber, startedAt.toISOString(), data.direction].join('|');
    return this.db.transaction(async (manager) => {
      const repeat = await this.claim(manager, principal, InboundChannel.CALL, key);
      if (repeat) return repeat;
      const filed = await this.fileOn(manager, principal, { phone: party }, () => ({
        input: {
          title: data.direction === CallDirection.INBOUND ? `Call from ${party}` : `Call to ${party}`,
          phones: [party],
          sourceDetails: { callerNumber },
        },
        sourceCode: 'CALL',
      }));
      const call = {
        direction: data.direction,
        callerNumber,
        calledNumber,
        startedAt: startedAt.toISOString(),
        durationSeconds: data.durationSeconds,
        recordingUrl: data.recordingUrl ?? null,
      };
      const [entryId] = await this.timeline.record(manager, principal, [
        { kind: 'CALL', recordType: filed.record.recordType, recordId: filed.record.recordId, accountId: filed.record.accountId, data: call },
      ]);
      const body = { duplicate: false, call, ...filedJson(filed), timelineEntryId: entryId };
      await this.settle(manager, principal, InboundChannel.CALL, key, filed.record, body);
      return { status: 201, body };
    });
  }

  /**
   * The record the party is known as (a visible contact first, then a visible lead), locked for the command; else
   * a new lead. Posts about one party are serialised (a transaction-scoped advisory lock on workspace + party), so
   * two messages from one unknown sender arriving together create one lead, the second is filed on it.
   */
  private async fileOn(
    manager: EntityManager,
    principal: Principal,
    party: { email: string } | { phone: string },
    newLead: () => { input: Record<string, unknown>; sourceCode: LeadSourceCode },
  ): Promise<Filed> {
    const partyKey = 'email' in party ? `email:${party.email}` : `phone:${party.phone}`;
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`inbound|${principal.workspaceId}|${partyKey}`]);
    // An API key sees contacts only with accounts:read (another API domain), as findDuplicates does.
    const seesContacts = principal.kind === 'member' || scopeGranted(principal.scopes, 'accounts:read');
    const known = (seesContacts ? await this.contacts.knownParty(manager, principal, party) : null) ?? (await this.leads.knownParty(manager, principal, party));
    if (known) return { record: await this.records.lock(manager, principal, known.id), created: null };
    const { input, sourceCode } = newLead();
    const created = await this.leads.createWithin(manager, principal, input, { sourceCode });
    return {
      record: { recordType: RecordType.LEAD, recordId: created.id, accountId: null, ownerMembershipId: created.assigneeMembershipId },
      created,
    };
  }

  /**
   * Claims the message's key in the command's transaction; a key already taken (a concurrent claim waits for the
   * first to commit or roll back) answers the stored response again, marked duplicate. What the first post filed
   * is shown only when the caller may see it.
   */
  private async claim(manager: EntityManager, principal: Principal, channel: InboundChannel, key: string): Promise<InboundAnswer | null> {
    const claimed = (await manager.query(
      'INSERT INTO inbound_messages (workspace_id, channel, key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key',
      [principal.workspaceId, channel, key],
    )) as unknown[];
    if (claimed.length) return null;
    const [stored] = (await manager.query(
      'SELECT record_id, response FROM inbound_messages WHERE workspace_id = $1 AND channel = $2 AND key = $3',
      [principal.workspaceId, channel, key],
    )) as { record_id: string | null; response: Record<string, unknown> | null }[];
    const visible = stored?.record_id ? await this.records.locate(principal, stored.record_id, manager).then(() => true, (error: unknown) => {
      if (error instanceof NotFoundError) return false;
      throw error;
    }) : false;
    const response = visible && stored?.response ? stored.response : { outcome: 'NOT_SHOWN', record: null, lead: null };
    return { status: 200, body: { ...response, duplicate: true } };
  }

  /** Stores what the first post filed and answered, with its claim. */
  private async settle(manager: EntityManager, principal: Principal, channel: InboundChannel, key: string, record: LocatedRecord, body: Record<string, unknown>): Promise<void> {
    await manager.query(
      'UPDATE inbound_messages SET record_type = $4, record_id = $5, response = $6 WHERE workspace_id = $1 AND channel = $2 AND key = $3',
      [principal.workspaceId, channel, key, record.recordType, record.recordId, JSON.stringify(body)],
    );
  }
}

const emailEntryData = (message: InboundEmail, documents: Document[]): Record<string, unknown> => ({
  messageId: message.messageId,
  subject: storable(message.subject, 998),
  from: message.from.address,
  fromName: storable(message.from.name, TITLE_MAX),
  to: message.to,
  date: message.date?.toISOString() ?? null,
  excerpt: storable(message.text, EMAIL_EXCERPT_CHARS),
  documentIds: documents.map((document) => document.id),
});

const filedJson = ({ record, created }: Filed) => ({
  outcome: created ? 'LEAD_CREATED' : 'LINKED',
  record: { type: record.recordType, id: record.recordId, accountId: record.accountId },
  lead: created ? { id: created.id, title: created.title, sourceId: created.sourceId, assigneeId: created.assigneeMembershipId, teamId: created.teamId } : null,
});

const documentJson = (document: Document) => ({
  id: document.id,
  fileName: document.fileName,
  contentType: document.contentType,
  sizeBytes: document.sizeBytes,
  downloadUrl: downloadPathOf(document.id),
});
