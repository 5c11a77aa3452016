import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { selectedFields } from '../platform/graphql/selection';
import { contactProjection } from './account.projection';
import { Membership } from '../identity/identity.public';
import { Role } from '../identity/roles';
import { Guard } from '../platform/auth/guard';
import { principalOf, type RequestContext } from '../platform/context/context';
import { ConnectionArgs, connectionComplexity } from '../platform/pagination/connection';
import { TimelineArgs, TimelineConnection } from '../platform/timeline/timeline.types';
import { Account } from './account.entity';
import { UpsertRowResult } from '../platform/bulk/upsert-rows';
import { RecordVersionInput } from './account.inputs';
import { Actor, actorOf } from '../platform/auth/actor.types';
import { Contact } from './contact.entity';
import { ContactFilter, ContactOrder } from './contact.filter';
import { ContactConnection, CreateContactInput, UpdateContactInput, UpsertContactsInput } from './contact.inputs';

@Resolver(() => Contact)
export class ContactsResolver {
  @Guard({ scope: 'accounts:read' })
  @Query(() => Contact, { description: 'A contact within the caller\'s reach (archived ones included).' })
  contact(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<Contact> {
    return context.services.contacts.get(principalOf(context), id);
  }

  @Guard({ scope: 'accounts:read' })
  @Query(() => ContactConnection, {
    description: 'Contacts within the caller\'s reach; archived ones only when the filter mentions `archived`.',
    complexity: connectionComplexity,
  })
  contacts(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => ContactFilter, { nullable: true }) filter: ContactFilter | null,
    @Arg('orderBy', () => [ContactOrder], { nullable: true }) orderBy: ContactOrder[] | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ContactConnection> {
    const projection = contactProjection.of(selectedFields(info, 'connection'));
    return context.services.contacts.list(principalOf(context), { ...page, filter, orderBy }, projection);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Contact, { description: 'Requires MEMBER or above.' })
  createContact(@Arg('input') input: CreateContactInput, @Ctx() context: RequestContext): Promise<Contact> {
    return context.services.contacts.create(principalOf(context), input);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Contact, { description: 'Requires MEMBER or above.' })
  updateContact(@Arg('input') input: UpdateContactInput, @Ctx() context: RequestContext): Promise<Contact> {
    return context.services.contacts.update(principalOf(context), input);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Contact, { description: 'Requires MEMBER or above. Leaves default lists; still readable by id.' })
  archiveContact(@Arg('input') input: RecordVersionInput, @Ctx() context: RequestContext): Promise<Contact> {
    return context.services.contacts.archive(principalOf(context), input.id, input.expectedVersion);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Contact, { description: 'Requires MEMBER or above.' })
  restoreContact(@Arg('input') input: RecordVersionInput, @Ctx() context: RequestContext): Promise<Contact> {
    return context.services.contacts.restore(principalOf(context), input.id, input.expectedVersion);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => [UpsertRowResult], { description: 'Requires MEMBER or above. Creates or updates up to 1,000 contacts by externalId; one result per row.' })
  upsertContacts(@Arg('input') input: UpsertContactsInput, @Ctx() context: RequestContext): Promise<UpsertRowResult[]> {
    return context.services.contactUpserts.upsert(principalOf(context), input.rows);
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The account (null for a loose contact, or one outside your portfolio).' })
  account(@Root() contact: Contact, @Ctx() context: RequestContext): Promise<Account | null> | null {
    return contact.accountId ? context.loaders.accounts.account.load(contact.accountId) : null;
  }

  @FieldResolver(() => Membership, { nullable: true, description: 'Decides who sees the contact when it has no account.' })
  owner(@Root() contact: Contact, @Ctx() context: RequestContext): Promise<Membership | null> | null {
    return contact.ownerMembershipId ? context.loaders.identity.membership.load(contact.ownerMembershipId) : null;
  }

  @FieldResolver(() => Actor)
  createdBy(@Root() contact: Contact): Actor {
    return actorOf(contact.createdBy);
  }

  @FieldResolver(() => Actor)
  updatedBy(@Root() contact: Contact): Actor {
    return actorOf(contact.updatedBy);
  }

  @FieldResolver(() => Actor, { nullable: true })
  archivedBy(@Root() contact: Contact): Actor | null {
    return contact.archivedAt ? actorOf(contact.archivedBy) : null;
  }

  @FieldResolver(() => TimelineConnection, { description: 'History of the contact, newest first.', complexity: connectionComplexity })
  timeline(@Root() contact: Contact, @Args() args: TimelineArgs, @Ctx() context: RequestContext): Promise<TimelineConnection> {
    return context.loaders.contacts.timeline.load({ parentId: contact.id, args });
  }
}
