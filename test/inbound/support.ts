import { randomBytes } from 'node:crypto';
import type { TestApp } from '../support/test-app';

export interface TestAttachment {
  name: string;
  type: string;
  bytes: Buffer;
}

export interface TestMessage {
  from?: string | null;
  to?: string;
  subject?: string;
  text?: string;
  messageId?: string | null;
  date?: string;
  attachments?: TestAttachment[];
}

/** A fresh Message-ID. */
export const newMessageId = (): string => `<${randomBytes(8).toString('hex')}@mail.example.test>`;

/** A raw RFC 822 message (CRLF lines), multipart/mixed with base64 parts when it has attachments. */
export function rfc822(message: TestMessage): string {
  const headers = [
    message.from === null ? null : `From: ${message.from ?? '"Laura Gómez" <laura@prospect.example.test>'}`,
    `To: ${message.to ?? 'sales@acme.example.test'}`,
    `Subject: ${message.subject ?? 'Quote request'}`,
    `Date: ${message.date ?? 'Wed, 02 Dec 2026 10:15:00 +0100'}`,
    message.messageId === null ? null : `Message-ID: ${message.messageId ?? newMessageId()}`,
    'MIME-Version: 1.0',
  ].filter((line): line is string => line !== null);
  const text = message.text ?? 'Hello,\r\nWe would like a quote for 20 licences.\r\nLaura';
  if (!message.attachments?.length) {
    return [...headers, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', text, ''].join('\r\n');
  }
  const boundary = `b-${randomBytes(6).toString('hex')}`;
  const parts = [
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    text,
    ...message.attachments.flatMap((attachment) => [
      `--${boundary}`,
      `Content-Type: ${attachment.type}; name="${attachment.name}"`,
      `Content-Disposition: attachment; filename="${attachment.name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      ...(attachment.bytes.toString('base64').match(/.{1,76}/g) ?? []),
    ]),
    `--${boundary}--`,
    '',
  ];
  return [...headers, `Content-Type: multipart/mixed; boundary="${boundary}"`, '', ...parts].join('\r\n');
}

export interface InboundAnswer {
  status: number;
  json: Record<string, unknown> & { errors?: { message: string; extensions: Record<string, unknown> }[] };
}

async function answerOf(response: Response): Promise<InboundAnswer> {
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as InboundAnswer['json']) : {} };
}

/** POST /inbound/email with a raw body. */
export async function postEmail(t: TestApp, token: string | null, body: string | Buffer, contentType = 'message/rfc822'): Promise<InboundAnswer> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (token) headers.authorization = `Bearer ${token}`;
  return answerOf(await fetch(`${t.url}/inbound/email`, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) }));
}

/** POST /inbound/calls with a JSON body (or a raw string). */
export async function postCall(t: TestApp, token: string | null, body: unknown, contentType = 'application/json'): Promise<InboundAnswer> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (token) headers.authorization = `Bearer ${token}`;
  return answerOf(await fetch(`${t.url}/inbound/calls`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }));
}

/** Rows the inbound commands write, per workspace (what "nothing half-written" compares). */
export async function inboundRowCounts(t: TestApp, workspaceId: string): Promise<Record<string, number>> {
  const [row] = (await t.app.db.query(
    `SELECT (SELECT count(*)::int FROM leads WHERE workspace_id = $1) AS leads,
            (SELECT count(*)::int FROM documents WHERE workspace_id = $1) AS documents,
            (SELECT count(*)::int FROM timeline_entries WHERE workspace_id = $1) AS entries,
            (SELECT count(*)::int FROM inbound_messages WHERE workspace_id = $1) AS messages`,
    [workspaceId],
  )) as Record<string, number>[];
  return row;
}

export const fieldsOf = (answer: InboundAnswer): unknown => answer.json.errors?.[0]?.extensions.fields;
export const codeOf = (answer: InboundAnswer): unknown => answer.json.errors?.[0]?.extensions.code;
