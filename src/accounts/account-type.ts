import { registerEnumType } from 'type-graphql';

/** Plomo / Perspectiva / Cliente / Otros: OTHER shows the workspace's own label (its "fourth type"). */
export enum AccountType {
  LEAD = 'LEAD',
  PROSPECT = 'PROSPECT',
  CUSTOMER = 'CUSTOMER',
  OTHER = 'OTHER',
}
registerEnumType(AccountType, {
  name: 'AccountType',
  description: 'What an account is to the business.',
  valuesConfig: {
    LEAD: { description: 'A potential customer not yet qualified (plomo).' },
    PROSPECT: { description: 'A qualified potential customer (perspectiva).' },
    CUSTOMER: { description: 'A customer (cliente).' },
    OTHER: { description: 'Anything else, shown with the workspace\'s own label (Workspace.otherAccountTypeLabel).' },
  },
});
