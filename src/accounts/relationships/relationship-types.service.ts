import { defineSettingsList, settingsListService } from '../../platform/settings/settings-list';
import { settingsGuard } from '../settings-guard';
import { RelationshipType } from './relationship-type.entity';
import { CreateRelationshipTypeInput, createRelationshipTypeSchema, UpdateRelationshipTypeInput, updateRelationshipTypeSchema } from './relationship.inputs';

/** Settings: the kinds of account-to-account links of a workspace. */
export const relationshipTypes = defineSettingsList({
  entity: RelationshipType,
  plural: 'relationshipTypes',
  guard: settingsGuard,
  create: { input: CreateRelationshipTypeInput, schema: createRelationshipTypeSchema },
  update: { input: UpdateRelationshipTypeInput, schema: updateRelationshipTypeSchema },
  descriptions: {
    list: 'Relationship types of the workspace, by name.',
    create: 'Adds a relationship type.',
    update: 'Renames a relationship type or changes its inverse label (archived ones too); existing links show the new labels.',
    archive: 'Archives a relationship type: existing links keep it; new links can\'t use it.',
  },
});

export class RelationshipTypesService extends settingsListService(relationshipTypes) {}
