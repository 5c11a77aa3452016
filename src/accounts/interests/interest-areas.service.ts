import { defineSettingsList, settingsListService } from '../../platform/settings/settings-list';
import { settingsGuard } from '../settings-guard';
import { InterestArea } from './interest-area.entity';
import { CreateInterestAreaInput, createInterestAreaSchema, UpdateInterestAreaInput, updateInterestAreaSchema } from './interest.inputs';

/** Settings: interest areas used to segment accounts. */
export const interestAreas = defineSettingsList({
  entity: InterestArea,
  plural: 'interestAreas',
  guard: settingsGuard,
  create: { input: CreateInterestAreaInput, schema: createInterestAreaSchema },
  update: { input: UpdateInterestAreaInput, schema: updateInterestAreaSchema },
  descriptions: {
    list: 'Interest areas of the workspace, by name.',
    create: 'Adds an interest area.',
    update: 'Renames an interest area (archived ones too).',
    archive: 'Archives an interest area: existing interests stay readable; no new ones can use it.',
  },
});

export class InterestAreasService extends settingsListService(interestAreas) {}
