import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { Connection, ConnectionArgs } from '../platform/pagination/connection';
import { Document } from './document.entity';

export const DocumentConnection = Connection(Document, 'Document');
export type DocumentConnection = InstanceType<typeof DocumentConnection>;

@InputType({ description: 'A small file sent inline; larger files go through POST /documents (multipart).' })
export class AttachDocumentInput {
  @Field(() => ID, { description: 'The record the document is attached to: an account, contact, lead, deal, product or follow-up within the caller\'s reach.' })
  recordId: string;
  @Field(() => ID, { nullable: true, description: 'A non-archived document type of the workspace; default: none.' }) typeId?: string | null;
  @Field({ description: 'Stored without path or control characters, at most 255 characters (the extension kept).' }) fileName: string;
  @Field({
    description:
      'The bytes, standard base64, not empty; at most MAX_UPLOAD_BYTES (10 MiB by default) once decoded, and the ' +
      'request within MAX_BODY_BYTES.',
  })
  contentBase64: string;
}

@InputType({ description: 'A document to remove.' })
export class RemoveDocumentInput {
  @Field(() => ID, { description: 'The document.' }) id: string;
}

@ArgsType()
export class DocumentsArgs extends ConnectionArgs {
  @Field(() => ID, { description: 'The record (account, contact, lead, deal, product or follow-up) whose documents to list.' }) recordId: string;
}
