import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { pageProjectionOf, selectedFields } from '../platform/graphql/selection';
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
  @Query(() => Contact, {
    description:
      'A contact within the caller\'s reach (archived ones included): of an account in the portfolio, or a loose ' +
      'contact the caller may see. Any member, or an API key with accounts:read (else FORBIDDEN). Errors: NOT_FOUND ' +
      'when it does not exist or is out of reach (not told apart).',
  })
  contact(
    @Arg('id', () => ID, { description: 'The contact\'s id.' }) id: string,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Contact> {
    return context.services.contacts.read(principalOf(context), id, contactProjection.of(selectedFields(info, 'record')));
  }

  @Guard({ scope: 'accounts:read' })
  @Query(() => ContactConnection, {
    description:
      'Contacts within the caller\'s reach, a page at a time; archived ones only when the filter mentions `archived`. ' +
      'Any member, or an API key with accounts:read (else FORBIDDEN). Errors: BAD_USER_INPUT (an id in the filter that ' +
      'is not a uuid, page size, INVALID_CURSOR).',
    complexity: connectionComplexity,
  })
  contacts(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => ContactFilter, { nullable: true, description: 'Conditions; default: every non-archived contact.' })
    filter: ContactFilter | null,
    @Arg('orderBy', () => [ContactOrder], {
      nullable: true,
      description: 'Sort keys, in order; default: LAST_NAME then FIRST_NAME ascending; the id breaks ties.',
    })
    orderBy: ContactOrder[] | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ContactConnection> {
    const projection = pageProjectionOf(contactProjection, info);
    return context.services.contacts.list(principalOf(context), { ...page, filter, orderBy }, projection);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Contact, {
    description:
      'Requires MEMBER or above, or an API key with accounts:write (else FORBIDDEN). Creates a contact, of an account or ' +
      'loose. Errors: NOT_FOUND when input.accountId is outside the portfolio; BAD_USER_INPUT (invalid fields, an owner ' +
      'that is not an active member; EXTERNAL_ID_TAKEN).',
  })
  createContact(@Arg('input', { description: 'The new contact.' }) input: CreateContactInput, @Ctx() context: RequestContext): Promise<Contact> {
    return context.services.contacts.create(principalOf(context), input);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Contact, {
    description:
      'Requires MEMBER or above, or an API key with accounts:write (else FORBIDDEN). Changes the given fields, or moves ' +
      'the contact to another account (its documents follow); nothing changed writes nothing. Errors: NOT_FOUND for a ' +
      'contact or target account out of reach; BAD_USER_INPUT (invalid fields, inactive owner; EXTERNAL_ID_TAKEN); ' +
      'CONFLICT (VERSION_MISMATCH).',
  })
  updateContact(@Arg('input', { description: 'The contact and its changes.' }) input: UpdateContactInput, @Ctx() context: RequestContext): Promise<Contact> {
    return context.services.contacts.update(principalOf(context), input);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Contact, {
    description:
      'Requires MEMBER or above, or an API key with accounts:write (else FORBIDDEN). Archives a contact: it leaves ' +
      'default lists, Account.contacts and search but stays readable by id; archiving twice is not an error. Errors: ' +
      'NOT_FOUND out of reach; CONFLICT (VERSION_MISMATCH).',
  })
  archiveContact(@Arg('input', { description: 'The contact to archive.' }) input: RecordVersionInput, @Ctx() context: RequestContext): Promise<Contact> {
    return context.services.contacts.archive(principalOf(context), input.id, input.expectedVersion);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Contact, {
    description:
      'Requires MEMBER or above, or an API key with accounts:write (else FORBIDDEN). Brings an archived contact back; ' +
      'restoring an active one is not an error. Errors: NOT_FOUND out of reach; CONFLICT (VERSION_MISMATCH).',
  })
  restoreContact(@Arg('input', { description: 'The contact to restore.' }) input: RecordVersionInput, @Ctx() context: RequestContext): Promise<Contact> {
    return context.services.contacts.restore(principalOf(context), input.id, input.expectedVersion);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => [UpsertRowResult], {
    description:
      'Requires MEMBER or above, or an API key with accounts:write (else FORBIDDEN). Creates or updates up to 1,000 ' +
      'contacts by externalId; one result per row, in input order; a bad row (invalid fields, an account out of reach, ' +
      'an inactive owner, an externalId of a contact out of reach: "is already in use") is an ERROR result and the ' +
      'others go on. Errors: BAD_USER_INPUT over 1,000 rows.',
  })
  upsertContacts(@Arg('input', { description: 'The rows.' }) input: UpsertContactsInput, @Ctx() context: RequestContext): Promise<UpsertRowResult[]> {
    return context.services.contactUpserts.upsert(principalOf(context), input.rows);
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The contact\'s account; null for a loose contact, or one outside your portfolio.' })
  account(@Root() contact: Contact, @Ctx() context: RequestContext): Promise<Account | null> | null {
    return contact.accountId ? context.loaders.accounts.account.load(contact.accountId) : null;
  }

  @FieldResolver(() => Membership, { nullable: true, description: 'The member responsible for the contact; decides who sees it when it has no account; null: none.' })
  owner(@Root() contact: Contact, @Ctx() context: RequestContext): Promise<Membership | null> | null {
    return contact.ownerMembershipId ? context.loaders.identity.membership.load(contact.ownerMembershipId) : null;
  }

  @FieldResolver(() => Actor, { description: 'Who created the contact.' })
  createdBy(@Root() contact: Contact): Actor {
    return actorOf(contact.createdBy);
  }

  @FieldResolver(() => Actor, { description: 'Who changed the contact last.' })
  updatedBy(@Root() contact: Contact): Actor {
    return actorOf(contact.updatedBy);
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'Who archived the contact; null while active.' })
  archivedBy(@Root() contact: Contact): Actor | null {
    return contact.archivedAt ? actorOf(contact.archivedBy) : null;
  }

  @FieldResolver(() => TimelineConnection, { description: 'History of the contact, newest first.', complexity: connectionComplexity })
  timeline(@Root() contact: Contact, @Args() args: TimelineArgs, @Ctx() context: RequestContext): Promise<TimelineConnection> {
    return context.loaders.contacts.timeline.load({ parentId: contact.id, args });
  }
}
