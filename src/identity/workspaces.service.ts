import { In, type DataSource } from 'typeorm';
import type { Principal } from '../platform/auth/principal';
import { NotFoundError } from '../platform/errors/errors';
import { ApiKey } from './api-key.entity';
import { Workspace } from './workspace.entity';

export class WorkspacesService {
  constructor(private readonly db: DataSource) {}

  async current(principal: Principal): Promise<Workspace> {
    const workspace = await this.db.getRepository(Workspace).findOne({ where: { id: principal.workspaceId } });
    if (!workspace) throw new NotFoundError('Workspace');
    return workspace;
  }

  byIds(ids: readonly string[]): Promise<Workspace[]> {
    return this.db.getRepository(Workspace).find({ where: { id: In([...ids]) } });
  }

  async apiKeyOf(principal: Principal): Promise<ApiKey | null> {
    if (principal.kind !== 'apiKey') return null;
    return this.db.getRepository(ApiKey).findOne({ where: { id: principal.apiKeyId, workspaceId: principal.workspaceId } });
  }
}
