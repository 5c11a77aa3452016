import { createHash } from 'node:crypto';
import type { AddressObject } from 'mailparser';
import type * as Mailparser from 'mailparser';
import { BadUserInputError } from '../platform/errors/errors';
import { emailAddress } from '../platform/text/normalize';

/** mailparser (about 5 MiB of heap with its dependencies) is loaded by the first inbound email, not at boot. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadMailparser = (): typeof Mailparser => require('mailparser') as typeof Mailparser;

/** What the inbound email command needs of a raw RFC 822 message, read once. */
export interface InboundEmail {
  /** The Message-ID header, angle brackets included; null when the message has none. */
  messageId: string | null;
  /** The idempotency key: the Message-ID, else `sha256:` + the hash of the raw bytes. */
  key: string;
  from: { address: string; name: string | null };
  to: string[];
  subject: string | null;
  /** The plain text (from the HTML part when there is no text part); null when empty. */
  text: string | null;
  /** The Date header (UTC); null when missing or unreadable. */
  date: Date | null;
  attachments: { fileName: string; content: Buffer }[];
}

/** An RFC 5322 header line: a field name (printable ASCII but ':'), a colon. */
const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]+:/;
/** An RFC 5322 line's limit, which the key column holds. */
const MAX_MESSAGE_ID = 998;

/**
 * Parses a raw message with mailparser. mailparser reads almost anything, so what is not a message is refused
 * here: a body that does not start with a header line, or without a usable From address (BAD_USER_INPUT with
 * `message` / `from`). Related parts (images an HTML body shows inline) are not attachments.
 */
export async function readInboundEmail(raw: Buffer): Promise<InboundEmail> {
  const firstLine = raw.subarray(0, Math.min(raw.length, 1000)).toString('latin1').split(/\r?\n/, 1)[0];
  if (!HEADER_LINE.test(firstLine)) throw BadUserInputError.field('input.message', 'is not an RFC 822 message: it must start with its header lines');
  const parsed = await loadMailparser().simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true }).catch(() => {
    throw BadUserInputError.field('input.message', 'is not a readable RFC 822 message');
  });
  const sender = parsed.from?.value.find((entry) => entry.address);
  const address = emailAddress.safeParse(sender?.address ?? '');
  if (!sender || !address.success) {
    throw BadUserInputError.field('input.from', sender ? 'is not a valid email address' : 'is required: the message has no From address');
  }
  const messageId = parsed.messageId?.trim() ? parsed.messageId.trim().slice(0, MAX_MESSAGE_ID) : null;
  const text = parsed.text?.trim() ? parsed.text.trim() : null;
  return {
    messageId,
    key: messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`,
    from: { address: address.data, name: sender.name.trim() || null },
    to: addressesOf(parsed.to),
    subject: parsed.subject?.trim() || null,
    text,
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null,
    attachments: parsed.attachments
      .filter((attachment) => !attachment.related && attachment.content.length > 0)
      .map((attachment, i) => ({ fileName: attachment.filename?.trim() || `attachment-${i + 1}`, content: attachment.content })),
  };
}

const addressesOf = (header: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(header) ? header : header ? [header] : [])
    .flatMap((object) => object.value)
    .flatMap((entry) => (entry.group ? entry.group : [entry]))
    .map((entry) => entry.address?.toLowerCase())
    .filter((value): value is string => !!value);
