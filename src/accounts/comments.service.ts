import type { DataSource } from 'typeorm';
import type { Principal } from '../platform/auth/principal';
import { BadUserInputError, NotFoundError } from '../platform/errors/errors';
import type { RecordKindRegistry } from '../platform/records/record-kinds';
import type { TimelineEntry } from '../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../platform/timeline/timeline.service';

/** Comments on any record: timeline entries of kind COMMENT_ADDED on the record (and so on its account). */
export class CommentsService {
  constructor(
    private readonly db: DataSource,
    private readonly records: RecordKindRegistry,
    private readonly timeline: TimelineService,
  ) {}

  async addComment(principal: Principal, recordId: string, body: string): Promise<TimelineEntry> {
    const text = body.trim();
    if (!text) throw BadUserInputError.field('input.body', 'must not be empty');
    if (text.length > 20000) throw BadUserInputError.field('input.body', 'must be at most 20000 characters');
    return this.db.transaction(async (manager) => {
      // Locked until commit: a record moving meanwhile cannot leave the comment on its old account.
      const record = await this.records.lock(manager, principal, recordId);
      const [id] = await this.timeline.record(manager, principal, [
        { kind: 'COMMENT_ADDED', recordType: record.recordType, recordId: record.recordId, accountId: record.accountId, data: { body: text } },
      ]);
      const [entry] = await this.timeline.entries(principal, [id], manager);
      if (!entry) throw new NotFoundError('Timeline entry');
      return entry;
    });
  }
}
