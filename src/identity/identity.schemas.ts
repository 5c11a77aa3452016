import { z } from 'zod';
import { isApiScope } from '../platform/auth/scopes';
import { AccessScope, Role } from './roles';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email({ message: 'must be a valid email address' }));
export const passwordSchema = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200, 'must be at most 200 characters');
export const nameSchema = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const timeZoneSchema = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Europe/Madrid');

export const signUpSchema = z.object({
  workspaceName: nameSchema,
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
  timeZone: timeZoneSchema.optional().nullable(),
});

export const logInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'is required').max(200),
  workspaceId: z.uuid({ message: 'must be a workspace id' }).optional().nullable(),
});

export const inviteMemberSchema = z.object({
  email: emailSchema,
  name: nameSchema.optional().nullable(),
  role: z.enum(Role),
  accessScope: z.enum(AccessScope),
  teamIds: z.array(z.uuid({ message: 'must be a team id' })).max(100).optional().nullable(),
});

export const acceptInvitationSchema = z.object({
  token: z.string().min(1, 'is required'),
  name: nameSchema.optional().nullable(),
  password: passwordSchema,
});

export const updateMemberSchema = z.object({
  memberId: z.uuid({ message: 'must be a member id' }),
  role: z.enum(Role).optional().nullable(),
  accessScope: z.enum(AccessScope).optional().nullable(),
  teamIds: z.array(z.uuid({ message: 'must be a team id' })).max(100).optional().nullable(),
  expectedVersion: z.number().int().optional().nullable(),
});

export const setMemberTimeZoneSchema = z.object({
  memberId: z.uuid({ message: 'must be a member id' }).optional().nullable(),
  timeZone: timeZoneSchema.optional().nullable(),
});

export const createTeamSchema = z.object({
  name: nameSchema,
  memberIds: z.array(z.uuid({ message: 'must be a member id' })).max(1000).optional().nullable(),
});

export const createApiKeySchema = z.object({
  name: nameSchema,
  scopes: z
    .array(z.string().refine(isApiScope, 'must be a scope such as accounts:read or leads:write'))
    .min(1, 'must grant at least one scope')
    .max(50),
  expiresAt: z
    .date()
    .refine((date) => date.getTime() > Date.now(), 'must be in the future')
    .optional()
    .nullable(),
});
