import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { Connection, ConnectionArgs } from '../platform/pagination/connection';
import { Document } from './document.entity';

export const DocumentConnection = Connection(Document, 'Document');
export type DocumentConnection = InstanceType<typeof DocumentConnection>;

@InputType({ description: 'A small file sent inline; larger files go through POST /documents (multipart).' })
export class AttachDocumentInput {
  @Field(() => ID, { description: 'The account or contact the document is attached to.' }) recordId: string;
  @Field(() => ID, { nullable: true, description: 'A non-archived document type of the workspace.' }) typeId?: string | null;
  @Field({ description: 'Stored without path or control characters, at most 255 characters.' }) fileName: string;
  @Field({ description: 'The bytes, standard base64; at most MAX_UPLOAD_BYTES once decoded (and within MAX_BODY_BYTES).' })
  contentBase64: string;
}

@InputType()
export class RemoveDocumentInput {
  @Field(() => ID) id: string;
}

@ArgsType()
export class DocumentsArgs extends ConnectionArgs {
  @Field(() => ID, { description: 'The account or contact whose documents to list.' }) recordId: string;
}
