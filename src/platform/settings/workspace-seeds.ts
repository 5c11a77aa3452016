import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';

/**
 * Writes what a new workspace starts with (a settings list's default entries, a default pipeline), in the
 * creating transaction, as its OWNER (`owner`: the actor of what it writes).
 */
export type WorkspaceSeed = (manager: EntityManager, workspaceId: string, owner: Principal) => Promise<void>;

/**
 * What every new workspace starts with. Domains register their seeds as their services are created (a settings
 * list with `defaults` does it through `seedsInto`); identity runs them in signUp's transaction, so a workspace
 * never exists without them. Workspaces that existed before a seed was added get it from that domain's migration.
 */
export class WorkspaceSeeds {
  private readonly seeds: WorkspaceSeed[] = [];

  register(seed: WorkspaceSeed): void {
    this.seeds.push(seed);
  }

  async seed(manager: EntityManager, workspaceId: string, owner: Principal): Promise<void> {
    for (const seed of this.seeds) await seed(manager, workspaceId, owner);
  }
}
