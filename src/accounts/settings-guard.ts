import { Role } from '../identity/roles';
import type { GuardRule } from '../platform/auth/guard';

/** Who reads and who edits the workspace's settings lists: any member (or accounts:read); ADMIN and OWNER (or accounts:write). */
export const settingsGuard: { read: GuardRule; write: GuardRule } = {
  read: { scope: 'accounts:read' },
  write: { scope: 'accounts:write', role: Role.ADMIN },
};
