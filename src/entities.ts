import { ApiKey } from './identity/api-key.entity';
import { LoginThrottle } from './identity/login-throttle.entity';
import { Membership } from './identity/membership.entity';
import { RefreshSession } from './identity/refresh-session.entity';
import { ServerSecret } from './identity/server-secret.entity';
import { Team, TeamMember } from './identity/team.entity';
import { User } from './identity/user.entity';
import { Workspace } from './identity/workspace.entity';

/** Every TypeORM entity; a new domain adds its entities here. */
export const entities = [Workspace, User, Membership, Team, TeamMember, RefreshSession, ApiKey, LoginThrottle, ServerSecret];
