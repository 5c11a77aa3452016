import { Field, ID, InputType } from 'type-graphql';
import { DuplicatePolicy } from './lead-import.entity';

@InputType({ description: 'One column of the file and the lead field it fills.' })
export class ImportColumnMappingInput {
  @Field({ description: 'A column name of the file\'s header line, exactly as written.' }) column: string;
  @Field({
    description:
      'The lead field: title, companyName, personName, emails, phones, website, notes, externalId, expectedValue or currency. ' +
      'emails and phones may take several columns; a cell may list several, separated by ";".',
  })
  field: string;
}

@InputType({ description: 'What imported leads get when the file does not say.' })
export class ImportDefaultsInput {
  @Field(() => ID, { nullable: true, description: 'A usable lead source; default: the workspace\'s IMPORT source.' }) sourceId?: string | null;
  @Field(() => ID, { nullable: true, description: 'An active member (a MEMBER may only name themselves); default: the assignment rules route each lead.' })
  assigneeId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A team of the workspace (the routing team).' }) teamId?: string | null;
  @Field(() => String, { nullable: true, description: 'ISO-4217 currency for rows with an expected value and no currency column.' }) currency?: string | null;
}

@InputType({ description: 'Starts an import of a file uploaded with POST /imports (without options).' })
export class ImportLeadsInput {
  @Field(() => ID, { description: 'The upload id POST /imports answered (201 { upload: { id } }); only its uploader may import it, once.' })
  uploadId: string;
  @Field(() => [ImportColumnMappingInput], { description: 'Which columns fill which fields; at least one.' }) mapping: ImportColumnMappingInput[];
  @Field(() => DuplicatePolicy, { nullable: true, description: 'What duplicate rows do; default SKIP.' }) duplicatePolicy?: DuplicatePolicy | null;
  @Field(() => ImportDefaultsInput, { nullable: true, description: 'Defaults of the imported leads.' }) defaults?: ImportDefaultsInput | null;
}
