import { registerEnumType } from 'type-graphql';

/** Plomo / Perspectiva / Cliente / Otros: OTHER shows the workspace's own label (its "fourth type"). */
export enum AccountType {
  LEAD = 'LEAD',
  PROSPECT = 'PROSPECT',
  CUSTOMER = 'CUSTOMER',
  OTHER = 'OTHER',
}
registerEnumType(AccountType, { name: 'AccountType' });
