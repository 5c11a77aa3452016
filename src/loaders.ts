import { createAccountDetailsLoaders } from './accounts/account-details.loaders';
import { createAccountLoaders } from './accounts/accounts.loaders';
import { createCatalogLoaders } from './catalog/catalog.loaders';
import { createContactLoaders } from './accounts/contacts.loaders';
import { createDealLoaders } from './deals/deals.loaders';
import { createDocumentLoaders } from './documents/documents.loaders';
import { createFollowUpLoaders } from './follow-ups/follow-ups.loaders';
import { createIdentityLoaders } from './identity/identity.loaders';
import { createLeadLoaders } from './leads/leads.loaders';
import type { Principal } from './platform/auth/principal';
import { lazyGroups } from './platform/loaders/lazy-groups';
import type { ContextSources } from './platform/server/context-factory';
import { createTimelineLoaders } from './platform/timeline/timeline.loaders';
import type { Services } from './services';

/**
 * A fresh set of DataLoaders per request (and per subscription event): nothing is cached across callers. Each
 * domain's group is built when a resolver first reaches for it.
 */
export function createLoaders(services: Services, currentPrincipal: () => Principal | null) {
  return lazyGroups({
    identity: () => createIdentityLoaders(currentPrincipal, services.members, services.workspaces),
    accounts: () => createAccountLoaders(currentPrincipal, services.accounts, services.timeline),
    accountDetails: () => createAccountDetailsLoaders(currentPrincipal, services),
    documents: () => createDocumentLoaders(currentPrincipal, services.documents, services.documentTypes),
    contacts: () => createContactLoaders(currentPrincipal, services.contacts, services.timeline),
    catalog: () => createCatalogLoaders(currentPrincipal, services.products, services.productCategories, services.timeline),
    deals: () => createDealLoaders(currentPrincipal, services.deals, services.pipelines, services.dealLostReasons, services.timeline),
    timeline: () => createTimelineLoaders(currentPrincipal, services.timeline),
    leads: () => createLeadLoaders(currentPrincipal, services),
    followUps: () => createFollowUpLoaders(currentPrincipal, services),
  });
}

export type Loaders = ReturnType<typeof createLoaders>;

// Completes platform's view of the loaders (RequestContext.loaders).
declare module './platform/context/context' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the loaders into platform's interface
  interface AppLoaders extends Loaders {}
}

/** What platform builds request contexts from (HTTP, WebSocket and the document endpoints alike). */
export const contextSourcesOf = (services: Services): ContextSources => ({
  services,
  createLoaders: (currentPrincipal) => createLoaders(services, currentPrincipal),
});
