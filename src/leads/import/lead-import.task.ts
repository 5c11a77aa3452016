import { z } from 'zod';
import { defineTask } from '../../platform/jobs/task';

/**
 * Runs one lead import (lead-import.runner.ts). Resumable: every batch commits with its checkpoint, so a run cut
 * short (crash, shutdown past the grace period) continues, on any instance, after the last committed batch.
 */
export const importLeadsTask = defineTask({
  name: 'leads.import',
  description: 'Reads an uploaded CSV/XLSX file and creates, updates or skips a lead per row, in committed batches.',
  payload: z.object({ workspaceId: z.uuid(), importId: z.uuid() }),
  maxAttempts: 10,
  async run(payload, { services, signal }) {
    await services.leadImportRunner.run(payload.workspaceId, payload.importId, { signal });
  },
});
