import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The capture channels that post to /inbound. */
export enum InboundChannel {
  EMAIL = 'EMAIL',
  CALL = 'CALL',
}

/**
 * One message (email) or call an inbound endpoint has taken, keyed per workspace and channel: the Message-ID (or
 * a hash of the raw message when it has none) for email, caller + called number + start + direction for calls.
 * Claimed first in the command's transaction (INSERT … ON CONFLICT DO NOTHING), so a message posted twice, even
 * concurrently, is processed once; the second post gets the answer stored here.
 */
@Entity('inbound_messages')
export class InboundMessage {
  @PrimaryColumn({ type: 'uuid' })
  workspaceId: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  channel: InboundChannel;

  /** The idempotency key (at most 998 characters: an RFC 5322 line). */
  @PrimaryColumn({ type: 'varchar', length: 1000 })
  key: string;

  /** The record the message was filed on (a contact or a lead); set in the same transaction. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  recordType: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordId: string | null;

  /** The JSON answered the first time (answered again, with `duplicate: true`, to a repeat). */
  @Column({ type: 'jsonb', nullable: true })
  response: Record<string, unknown> | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  receivedAt: Date;
}
