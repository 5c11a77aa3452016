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
  @Query(() => Document, { description: 'A document of a record the caller can see.' })
  document(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<Document> {
    return context.services.documents.get(principalOf(context), id);
  }

  @Guard({ scope: 'accounts:read' })
  @Query(() => DocumentConnection, { description: 'Documents of a record, newest first.', complexity: connectionComplexity })
  documents(@Args() args: DocumentsArgs, @Ctx() context: RequestContext): Promise<DocumentConnection> {
    const { recordId, ...page } = args;
    return context.services.documents.list(principalOf(context), recordId, page);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Document, {
    description: 'Requires MEMBER or above. Attaches a small file sent as base64. Larger files: POST /documents (multipart/form-data).',
  })
  attachDocument(@Arg('input') input: AttachDocumentInput, @Ctx() context: RequestContext): Promise<Document> {
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
  @Mutation(() => Document, { description: 'Requires MEMBER or above. Deletes a document and its content; returns it as it was.' })
  removeDocument(@Arg('input') input: RemoveDocumentInput, @Ctx() context: RequestContext): Promise<Document> {
    return context.services.documents.remove(principalOf(context), input.id);
  }

  @FieldResolver(() => DocumentType, { nullable: true, description: 'Archived types still show here.' })
  async type(@Root() document: Document, @Ctx() context: RequestContext): Promise<DocumentType | null> {
    return document.typeId ? context.loaders.documents.documentType.load(document.typeId) : null;
  }

  @FieldResolver(() => String, { description: 'GET it with the same Authorization header to download the bytes.' })
  downloadUrl(@Root() document: Document): string {
    return downloadPathOf(document.id);
  }

  @FieldResolver(() => Actor)
  createdBy(@Root() document: Document): Actor {
    return actorOf(document.createdBy);
  }
}
