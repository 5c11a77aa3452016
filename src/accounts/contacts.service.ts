import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../platform/auth/principal';
import { attachedScope } from '../platform/auth/record-scope';
import { NotFoundError } from '../platform/errors/errors';
import { isUuid } from './accounts.service';
import { Contact } from './contact.entity';

/** Contacts: people of an account (or loose, then visible through their owner). */
export class ContactsService {
  constructor(private readonly db: DataSource) {}

  /** Contacts this principal may see (alias `c`): those of visible accounts, or loose ones they may see by owner. */
  visible(principal: Principal, manager: EntityManager = this.db.manager): SelectQueryBuilder<Contact> {
    const scope = attachedScope(principal, 'c', 'c.account_id', 'c.owner_membership_id');
    return manager.getRepository(Contact).createQueryBuilder('c').where(scope.sql, scope.params);
  }

  async get(principal: Principal, id: string, manager?: EntityManager): Promise<Contact> {
    const contact = isUuid(id) ? await this.visible(principal, manager).andWhere('c.id = :id', { id }).getOne() : null;
    if (!contact) throw new NotFoundError('Contact');
    return contact;
  }
}
