import { In, type EntityManager } from 'typeorm';
import type { Principal } from '../platform/auth/principal';
import { inWorkspace } from '../platform/data/workspace-rows';
import { scopedRecordKind, type LocatedRecord, type RecordKindRegistry } from '../platform/records/record-kinds';
import { declareRecordType, RecordType } from '../platform/records/record-types';
import { FollowUp } from './follow-up.entity';
import type { FollowUpsService } from './follow-ups.service';

declare module '../platform/records/record-types' {
  interface RecordTypes {
    FOLLOW_UP: 'FOLLOW_UP';
  }
}
declareRecordType('FOLLOW_UP', 'A follow-up (seguimiento): scheduled work on an account, contact, lead or deal.');

/**
 * Makes follow-ups a record kind, so documents, comments and `timelineEventAdded` attach to them. A follow-up is
 * located and locked through its own scope (scopeRules.followUp: its target's visibility, and always its
 * assignee); its anchor is its target's (copied on the row and kept current by FollowUpsService.reanchor).
 * What hangs off a follow-up is anchored to the follow-up itself (documentScope reads the follow-up row), so the
 * anchor copied onto a document only keeps account timelines right: when a target moves, its follow-ups are
 * announced as moved too, and what hangs off them takes the new anchor in the same transaction.
 */
export function registerFollowUpKind(records: RecordKindRegistry, followUps: FollowUpsService): void {
  records.register(
    scopedRecordKind(RecordType.FOLLOW_UP, followUps, (followUp) => ({ accountId: followUp.accountId, ownerMembershipId: followUp.ownerMembershipId })),
  );
  // Registered after FollowUpsService's own listener, so the follow-ups read here already carry the new anchor.
  records.onAnchorsChanged((manager, principal, moved) => announceMovedFollowUps(manager, principal, records, moved));
}

async function announceMovedFollowUps(manager: EntityManager, principal: Principal, records: RecordKindRegistry, moved: LocatedRecord[]): Promise<void> {
  // Follow-ups are never targets of follow-ups: their own move stops here (no loop).
  const targetIds = moved.filter((record) => record.recordType !== RecordType.FOLLOW_UP).map((record) => record.recordId);
  if (!targetIds.length) return;
  const followUps = await inWorkspace(manager, principal).find(FollowUp, { where: { recordId: In(targetIds) } });
  await records.anchorsChanged(manager, principal, RecordType.FOLLOW_UP, followUps);
}
