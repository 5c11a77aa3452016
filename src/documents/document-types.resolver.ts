import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { SettingIdInput } from '../accounts/settings-list';
import { Role } from '../identity/roles';
import { Guard } from '../platform/auth/guard';
import { principalOf, type RequestContext } from '../platform/context/context';
import { CreateDocumentTypeInput, UpdateDocumentTypeInput } from './document-type.inputs';
import { DocumentType } from './document-type.entity';

@Resolver(() => DocumentType)
export class DocumentTypesResolver {
  @Guard({ scope: 'accounts:read' })
  @Query(() => [DocumentType], { description: 'The workspace\'s document types, by name.' })
  documentTypes(
    @Arg('includeArchived', () => Boolean, { defaultValue: false }) includeArchived: boolean,
    @Ctx() context: RequestContext,
  ): Promise<DocumentType[]> {
    return context.services.documentTypes.all(principalOf(context), includeArchived);
  }

  @Guard({ scope: 'accounts:write', role: Role.ADMIN })
  @Mutation(() => DocumentType, { description: 'Requires ADMIN or above. Names are unique in the workspace (CONFLICT).' })
  createDocumentType(@Arg('input') input: CreateDocumentTypeInput, @Ctx() context: RequestContext): Promise<DocumentType> {
    return context.services.documentTypes.create(principalOf(context), input);
  }

  @Guard({ scope: 'accounts:write', role: Role.ADMIN })
  @Mutation(() => DocumentType, { description: 'Requires ADMIN or above. Renames a document type (archived ones too).' })
  updateDocumentType(@Arg('input') input: UpdateDocumentTypeInput, @Ctx() context: RequestContext): Promise<DocumentType> {
    return context.services.documentTypes.update(principalOf(context), input);
  }

  @Guard({ scope: 'accounts:write', role: Role.ADMIN })
  @Mutation(() => DocumentType, {
    description: 'Requires ADMIN or above. New documents can no longer use it; existing documents keep showing it.',
  })
  archiveDocumentType(@Arg('input') input: SettingIdInput, @Ctx() context: RequestContext): Promise<DocumentType> {
    return context.services.documentTypes.archive(principalOf(context), input.id);
  }
}
