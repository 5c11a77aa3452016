import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';
import { settingNameSchema } from '../platform/settings/settings-list';

@InputType()
export class CreateDocumentTypeInput {
  @Field({ description: 'Unique in the workspace (ignoring case), e.g. "Contract".' }) name: string;
}

@InputType()
export class UpdateDocumentTypeInput {
  @Field(() => ID) id: string;
  @Field() name: string;
}

export const createDocumentTypeSchema = z.object({ name: settingNameSchema });

export const updateDocumentTypeSchema = z.object({
  id: z.string(),
  name: settingNameSchema,
});
