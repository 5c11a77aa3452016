// The scenarios of `npm run bench:graphql`: a GraphQL operation each, and the baseline route (scripts/bench/
// baseline-server.cjs) that must answer the same JSON as its `data` from one SQL statement.

/** The node of both account pages; baseline-server.cjs ACCOUNT_NODE builds the same object. */
const ACCOUNT_PAGE_NODE = `fragment AccountPageNode on Account {
  id
  name
  primaryOwner { name email }
  contacts { id firstName lastName emails }
  interests { kind area { name } }
}`;

export const ACCOUNT_PAGE = `query BenchAccountPage($first: Int, $after: String) {
  accounts(first: $first, after: $after, orderBy: [{ field: NAME }]) {
    totalCount
    pageInfo { hasNextPage }
    nodes { ...AccountPageNode }
  }
}
${ACCOUNT_PAGE_NODE}`;

const FILTERED_PAGE = `query BenchFilteredPage($first: Int, $types: [AccountType!]!, $city: String!) {
  accounts(first: $first, filter: { type: { in: $types }, city: { eq: $city } }, orderBy: [{ field: NAME }]) {
    totalCount
    pageInfo { hasNextPage }
    nodes { ...AccountPageNode }
  }
}
${ACCOUNT_PAGE_NODE}`;

const ACCOUNT_WITH_CONTACTS = `query BenchAccountWithContacts($id: ID!) {
  account(id: $id) {
    id
    name
    type
    contacts { id firstName lastName position emails phones }
  }
}`;

const CONTACTS_PAGE = `query BenchContactsPage($first: Int) {
  contacts(first: $first) {
    totalCount
    pageInfo { hasNextPage }
    nodes { id firstName lastName position emails account { id name } }
  }
}`;

const SEARCH = `query BenchSearch($query: String!) {
  search(query: $query) { type id title subtitle score }
}`;

/** Only the end cursor: walks the account list (by name) to a deep page cheaply. */
export const ACCOUNT_CURSOR = `query BenchAccountCursor($first: Int, $after: String) {
  accounts(first: $first, after: $after, orderBy: [{ field: NAME }]) { pageInfo { endCursor hasNextPage } }
}`;

/** What the scenarios are run with, found in the seeded workspace (see workspace.ts). */
export interface ScenarioInputs {
  city: string;
  cityMatches: number;
  accountId: string;
  accountContacts: number;
  searchWord: string;
  searchTypo: string;
}

export interface Scenario {
  /** Also the baseline route: POST /scenario/<name>. */
  name: string;
  description: string;
  query: string;
  variables: Record<string, unknown>;
}

export const SCENARIO_NAMES = ['accountPage', 'filteredPage', 'accountWithContacts', 'contactsPage', 'search'] as const;

export function scenariosFor(inputs: ScenarioInputs): Scenario[] {
  return [
    {
      name: 'accountPage',
      description: '50 accounts by name, each with primary owner (name, email), contacts (id, name, emails), interests',
      query: ACCOUNT_PAGE,
      variables: { first: 50 },
    },
    {
      name: 'filteredPage',
      description: `the same page, CUSTOMER or PROSPECT in "${inputs.city}" (${inputs.cityMatches} matches)`,
      query: FILTERED_PAGE,
      variables: { first: 50, types: ['CUSTOMER', 'PROSPECT'], city: inputs.city },
    },
    {
      name: 'accountWithContacts',
      description: `account(id) with its ${inputs.accountContacts} contacts (id, names, position, emails, phones)`,
      query: ACCOUNT_WITH_CONTACTS,
      variables: { id: inputs.accountId },
    },
    {
      name: 'contactsPage',
      description: '50 contacts by last name, first name, each with its account (id, name), and totalCount',
      query: CONTACTS_PAGE,
      variables: { first: 50 },
    },
    {
      name: 'search',
      description: `search("${inputs.searchTypo}") for "${inputs.searchWord}": 20 ranked hits`,
      query: SEARCH,
      variables: { query: inputs.searchTypo },
    },
  ];
}
