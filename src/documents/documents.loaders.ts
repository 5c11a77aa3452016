import DataLoader from 'dataloader';
import type { Principal } from '../platform/auth/principal';
import type { DocumentType } from './document-type.entity';
import type { DocumentTypesService } from './document-types.service';
import type { Document } from './document.entity';
import type { DocumentsService } from './documents.service';

/** Per-request loaders of documents, bounded to the caller's workspace and portfolio. */
export function createDocumentLoaders(currentPrincipal: () => Principal | null, documents: DocumentsService, types: DocumentTypesService) {
  const principal = (): Principal => {
    const current = currentPrincipal();
    if (!current) throw new Error('document loaders need a principal');
    return current;
  };
  return {
    /** The newest 100 visible documents of each record, newest first (one statement per batch). */
    ofRecord: new DataLoader<string, Document[]>(async (recordIds) => {
      const groups = new Map<string, Document[]>();
      for (const row of await documents.newestOfRecords(principal(), recordIds)) {
        const group = groups.get(row.recordId);
        if (group) group.push(row);
        else groups.set(row.recordId, [row]);
      }
      return recordIds.map((id) => groups.get(id) ?? []);
    }),
    /** Document types of the caller's workspace by id, archived ones included. */
    documentType: new DataLoader<string, DocumentType | null>(async (ids) => {
      const byId = new Map((await types.byIds(principal().workspaceId, ids)).map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

export type DocumentLoaders = ReturnType<typeof createDocumentLoaders>;
