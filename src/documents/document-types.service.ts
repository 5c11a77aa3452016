import type { DataSource } from 'typeorm';
import { settingsGuard } from '../accounts/settings-guard';
import type { WorkspaceSeeds } from '../platform/settings/workspace-seeds';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { defineSettingsList, settingsListService } from '../platform/settings/settings-list';
import { CreateDocumentTypeInput, createDocumentTypeSchema, UpdateDocumentTypeInput, updateDocumentTypeSchema } from './document-type.inputs';
import { DocumentType } from './document-type.entity';

/**
 * Document types: a settings list of the workspace. Archiving keeps the row, so documents of an archived type
 * still show it; new documents take only usable types (`usable`).
 */
export const documentTypes = defineSettingsList({
  entity: DocumentType,
  plural: 'documentTypes',
  guard: settingsGuard,
  create: { input: CreateDocumentTypeInput, schema: createDocumentTypeSchema },
  update: { input: UpdateDocumentTypeInput, schema: updateDocumentTypeSchema },
  // Supporting documents of follow-ups (e.g. collection letters) need a type from the first day.
  defaults: [{ name: 'Collection letter' }, { name: 'Supporting document' }],
  descriptions: {
    list: 'The workspace\'s document types, by name (seeded: Collection letter, Supporting document).',
    create: 'Adds a document type.',
    update: 'Renames a document type (archived ones too).',
    archive: 'Archives a document type: new documents can no longer use it; existing documents keep showing it.',
  },
});

export class DocumentTypesService extends settingsListService(documentTypes) {
  constructor(db: DataSource, timeline: TimelineService, seeds: WorkspaceSeeds) {
    super(db, timeline);
    seeds.register((manager, workspaceId) => this.seedDefaults(manager, workspaceId));
  }
}
