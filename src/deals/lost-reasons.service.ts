import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';
import { defineSettingsList, settingNameSchema, settingsListService } from '../platform/settings/settings-list';
import { dealsGuard } from './deal-enums';
import { DealLostReason } from './lost-reason.entity';

@InputType({ description: 'A new lost reason.' })
export class CreateDealLostReasonInput {
  @Field({ description: 'Unique in the workspace, ignoring case; 1 to 200 characters.' }) name: string;
}

@InputType({ description: 'Renames a lost reason.' })
export class UpdateDealLostReasonInput {
  @Field(() => ID, { description: 'The lost reason.' }) id: string;
  @Field(() => String, { nullable: true, description: 'The new name (unique ignoring case); left out: kept.' }) name?: string | null;
}

/** Settings: why deals are lost (loseDeal names one). */
export const dealLostReasons = defineSettingsList({
  entity: DealLostReason,
  plural: 'dealLostReasons',
  label: 'Lost reason',
  guard: { read: dealsGuard.read, write: dealsGuard.configure },
  create: { input: CreateDealLostReasonInput, schema: z.object({ name: settingNameSchema }) },
  update: { input: UpdateDealLostReasonInput, schema: z.object({ id: z.string(), name: settingNameSchema.nullable().optional() }) },
  descriptions: {
    list: 'Why deals are lost, by name. Any member (deals:read).',
    create: 'An API key needs deals:write. CONFLICT (NAME_TAKEN) for a used name.',
    update: 'An API key needs deals:write. NOT_FOUND outside the workspace; CONFLICT (NAME_TAKEN).',
    archive: 'An API key needs deals:write. Lost deals keep it; new losses can\'t use it. NOT_FOUND outside the workspace.',
  },
});

export class DealLostReasonsService extends settingsListService(dealLostReasons) {}
