import DataLoader from 'dataloader';
import type { Principal } from '../platform/auth/principal';
import { byKey, principalReader } from '../platform/loaders/batch';
import { createFirstNLoader } from '../platform/pagination/first-n';
import type { DocumentType } from './document-type.entity';
import type { DocumentTypesService } from './document-types.service';
import type { DocumentsService } from './documents.service';

/** Per-request loaders of documents, bounded to the caller's workspace and portfolio. */
export function createDocumentLoaders(currentPrincipal: () => Principal | null, documents: DocumentsService, types: DocumentTypesService) {
  const principal = principalReader(currentPrincipal, 'document');
  return {
    /** The newest visible documents of each record (one statement per batch of records). */
    ofRecord: createFirstNLoader(documents.recordsSource(principal)),
    /** Document types of the caller's workspace by id, archived ones included. */
    documentType: new DataLoader<string, DocumentType | null>(async (ids) => {
      return byKey(ids, await types.byIds(principal().workspaceId, ids), (row) => row.id);
    }),
  };
}

export type DocumentLoaders = ReturnType<typeof createDocumentLoaders>;
