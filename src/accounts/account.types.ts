import { Field, ObjectType } from 'type-graphql';
import { Membership } from '../identity/identity.public';
import { Connection } from '../platform/pagination/connection';
import { Account } from './account.entity';

export const AccountConnection = Connection(Account, 'Account');
export type AccountConnection = InstanceType<typeof AccountConnection>;

@ObjectType({ description: 'A member responsible for an account.' })
export class AccountOwnerView {
  @Field(() => Membership, { description: 'The owner.' }) member: Membership;
  @Field({ description: 'Whether this is the primary owner (one per account); the others are secondary.' }) isPrimary: boolean;
}
