import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';
import { settingNameSchema } from '../platform/settings/settings-list';

@InputType({ description: 'A new document type.' })
export class CreateDocumentTypeInput {
  @Field({ description: 'Unique in the workspace (ignoring case), e.g. "Contract"; 1 to 200 characters.' }) name: string;
}

@InputType({ description: 'A new name for a document type.' })
export class UpdateDocumentTypeInput {
  @Field(() => ID, { description: 'The document type (archived ones too).' }) id: string;
  @Field({ description: 'The new name: unique in the workspace, ignoring case; 1 to 200 characters.' }) name: string;
}

export const createDocumentTypeSchema = z.object({ name: settingNameSchema });

export const updateDocumentTypeSchema = z.object({
  id: z.string(),
  name: settingNameSchema,
});
