import DataLoader from 'dataloader';
import type { Principal } from '../platform/auth/principal';
import { byKey, groupedByKey, principalReader } from '../platform/loaders/batch';
import type { DocumentType } from './document-type.entity';
import type { DocumentTypesService } from './document-types.service';
import type { Document } from './document.entity';
import type { DocumentsService } from './documents.service';

/** Per-request loaders of documents, bounded to the caller's workspace and portfolio. */
export function createDocumentLoaders(currentPrincipal: () => Principal | null, documents: DocumentsService, types: DocumentTypesService) {
  const principal = principalReader(currentPrincipal, 'document');
  return {
    /** The newest 100 visible documents of each record, newest first (one statement per batch). */
    ofRecord: new DataLoader<string, Document[]>(async (recordIds) => {
      return groupedByKey(recordIds, await documents.newestOfRecords(principal(), recordIds), (row) => row.recordId);
    }),
    /** Document types of the caller's workspace by id, archived ones included. */
    documentType: new DataLoader<string, DocumentType | null>(async (ids) => {
      return byKey(ids, await types.byIds(principal().workspaceId, ids), (row) => row.id);
    }),
  };
}

export type DocumentLoaders = ReturnType<typeof createDocumentLoaders>;
