import type { DataSource } from 'typeorm';
import { AccountUpsertService } from './accounts/account-upsert.service';
import { AccountsService } from './accounts/accounts.service';
import { ContactsService } from './accounts/contacts.service';
import { RecordsService } from './accounts/records.service';
import { ApiKeysService } from './identity/api-keys.service';
import { AuthService } from './identity/auth.service';
import { MembersService } from './identity/members.service';
import { TeamsService } from './identity/teams.service';
import { WorkspacesService } from './identity/workspaces.service';
import type { AccessTokens } from './platform/auth/access-tokens';
import type { Config } from './platform/config/config';
import type { Logger } from './platform/logging/logger';
import { TimelineService } from './platform/timeline/timeline.service';

export interface ServiceDeps {
  db: DataSource;
  config: Config;
  tokens: AccessTokens;
  logger: Logger;
}

/** Wires every domain service once per process (no DI framework: plain constructors). */
export function createServices(deps: ServiceDeps) {
  const { db, config, tokens } = deps;
  const workspaces = new WorkspacesService(db);
  const members = new MembersService(db);
  const timeline = new TimelineService(db);
  const accounts = new AccountsService(db, timeline, members, workspaces);
  const contacts = new ContactsService(db);
  return {
    auth: new AuthService(db, tokens, config),
    workspaces,
    members,
    teams: new TeamsService(db),
    apiKeys: new ApiKeysService(db),
    timeline,
    accounts,
    accountUpserts: new AccountUpsertService(db, accounts, timeline, members, workspaces),
    contacts,
    records: new RecordsService(db, accounts, contacts, timeline),
  };
}

export type Services = ReturnType<typeof createServices>;
