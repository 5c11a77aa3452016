import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Membership } from '../identity/membership.entity';
import { Connection } from '../platform/pagination/connection';
import { Account } from './account.entity';

export const AccountConnection = Connection(Account, 'Account');
export type AccountConnection = InstanceType<typeof AccountConnection>;

@ObjectType({ description: 'A member responsible for an account.' })
export class AccountOwnerView {
  @Field(() => Membership) member: Membership;
  @Field() isPrimary: boolean;
}

export enum ActorKind {
  MEMBER = 'MEMBER',
  API_KEY = 'API_KEY',
  SYSTEM = 'SYSTEM',
}
registerEnumType(ActorKind, { name: 'ActorKind' });

@ObjectType({ description: 'Who made a change: a member, an API key, or the system.' })
export class Actor {
  @Field(() => ActorKind) kind: ActorKind;
  @Field(() => Membership, { nullable: true, description: 'The member, when still in the workspace.' }) member: Membership | null;
  @Field(() => String, { nullable: true }) apiKeyId: string | null;
}
