import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Actor, actorOf } from '../platform/auth/actor.types';
import { Role } from '../identity/roles';
import { Guard } from '../platform/auth/guard';
import { principalOf, type RequestContext } from '../platform/context/context';
import { BadUserInputError, PayloadTooLargeError } from '../platform/errors/errors';
import { connectionComplexity } from '../platform/pagination/connection';
import { DocumentType } from './document-type.entity';
import { AttachDocumentInput, DocumentConnection, DocumentsArgs, RemoveDocumentInput } from './document.types';
import { Document } from './document.entity';
import { downloadPathOf } from './documents.service';
import { base64Size, decodeBase64 } from './file-content';

@Resolver(() => Document)
export class DocumentsResolver {
  @Guard({ scope: 'accounts:read' })
  @Query(() => Document, {
    description:
      'A document of a record the caller can see. Any member, or an API key with accounts:read (else FORBIDDEN). ' +
      'Errors: NOT_FOUND when it does not exist or its record is out of reach.',
  })
  document(@Arg('id', () => ID, { description: 'The document\'s id.' }) id: string, @Ctx() context: RequestContext): Promise<Document> {
    return context.services.documents.get(principalOf(context), id);
  }

  @Guard({ scope: 'accounts:read' })
  @Query(() => DocumentConnection, {
    description:
      'Documents of a record, newest first. Any member, or an API key with accounts:read (else FORBIDDEN). Errors: ' +
      'NOT_FOUND for a record out of reach; BAD_USER_INPUT (page size, INVALID_CURSOR).',
    complexity: connectionComplexity,
  })
  documents(@Args() args: DocumentsArgs, @Ctx() context: RequestContext): Promise<DocumentConnection> {
    const { recordId, ...page } = args;
    return context.services.documents.list(principalOf(context), recordId, page);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Document, {
    description:
      'Requires MEMBER or above, or an API key with accounts:write (else FORBIDDEN). Attaches a small file sent as base64 ' +
      '(DOCUMENT_ATTACHED on the record\'s timeline). Larger files: POST /documents (multipart/form-data). Errors: ' +
      'NOT_FOUND for a record out of reach; BAD_USER_INPUT (invalid base64, empty content, no usable file name, ' +
      'input.typeId unknown or archived); PAYLOAD_TOO_LARGE over MAX_UPLOAD_BYTES.',
  })
  attachDocument(@Arg('input', { description: 'The record, the file and its type.' }) input: AttachDocumentInput, @Ctx() context: RequestContext): Promise<Document> {
    const documents = context.services.documents;
    if (base64Size(input.contentBase64) > documents.uploadLimitBytes) throw new PayloadTooLargeError(documents.uploadLimitBytes);
    const content = decodeBase64(input.contentBase64);
    if (!content) throw BadUserInputError.field('input.contentBase64', 'is not valid base64');
    return documents.attach(
      principalOf(context),
      { recordId: input.recordId, typeId: input.typeId, fileName: input.fileName, content },
      { content: 'input.contentBase64' },
    );
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Document, {
    description:
      'Requires MEMBER or above, or an API key with accounts:write (else FORBIDDEN). Deletes a document and its content ' +
      '(DOCUMENT_REMOVED on the record\'s timeline); returns it as it was. Errors: NOT_FOUND when it does not exist or ' +
      'its record is out of reach.',
  })
  removeDocument(@Arg('input', { description: 'The document to remove.' }) input: RemoveDocumentInput, @Ctx() context: RequestContext): Promise<Document> {
    return context.services.documents.remove(principalOf(context), input.id);
  }

  @FieldResolver(() => DocumentType, { nullable: true, description: 'The document type (archived ones still show here); null: none.' })
  async type(@Root() document: Document, @Ctx() context: RequestContext): Promise<DocumentType | null> {
    return document.typeId ? context.loaders.documents.documentType.load(document.typeId) : null;
  }

  @FieldResolver(() => String, { description: 'Path of the bytes on this server (/documents/<id>/content): GET it with the same Authorization header.' })
  downloadUrl(@Root() document: Document): string {
    return downloadPathOf(document.id);
  }

  @FieldResolver(() => Actor, { description: 'Who attached the document.' })
  createdBy(@Root() document: Document): Actor {
    return actorOf(document.createdBy);
  }
}
