import { Authorized, Extensions, type AuthChecker } from 'type-graphql';
import { hasRoleAtLeast, type Role } from './roles';
import type { RequestContext } from '../context/context';
import type { Principal } from './principal';
import { ForbiddenError, UnauthenticatedError } from '../errors/errors';
import { ErrorReason } from '../errors/error-reason';
import { scopeGranted, type ApiScope } from './scopes';

/**
 * What a root field (or sensitive field) requires. Every root field carries either @Guard or @Public;
 * test/platform/schema-contract.test.ts fails when one has neither.
 */
export interface GuardRule {
  /** The API-key scope that grants it; members are not limited by scopes. */
  scope: ApiScope;
  /** Minimum member role (API keys act at workspace level, limited by scope). */
  role?: Role;
  /** Only a logged-in member may do this (e.g. managing API keys), never an API key. */
  membersOnly?: boolean;
}

type FieldDecorator = MethodDecorator & PropertyDecorator;

export function Guard(rule: GuardRule): FieldDecorator {
  const authorized = Authorized<GuardRule>(rule) as FieldDecorator;
  const extensions = Extensions({ guard: rule }) as FieldDecorator;
  return (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    authorized(target, key, descriptor as never);
    extensions(target, key, descriptor as never);
  };
}

/** Marks a root field as callable without credentials (sign-up, log-in...). */
export function Public(): FieldDecorator {
  return Extensions({ public: true }) as FieldDecorator;
}

/**
 * The one decision on authentication, member roles and API-key scopes, for GraphQL fields (authChecker) and
 * HTTP endpoints alike. Record-level scope lives in services. Returns the principal it allowed.
 */
export function allowedPrincipal(auth: RequestContext['auth'], rules: readonly GuardRule[]): Principal {
  const principal = auth.principal;
  if (!principal) throw auth.error ?? new UnauthenticatedError();
  for (const rule of rules) {
    if (principal.kind === 'apiKey') {
      if (rule.membersOnly) throw new ForbiddenError('This operation needs a logged-in member, not an API key', ErrorReason.MEMBERS_ONLY);
      if (!scopeGranted(principal.scopes, rule.scope)) {
        throw new ForbiddenError(`This API key lacks the ${rule.scope} scope`, ErrorReason.SCOPE_REQUIRED);
      }
    } else if (rule.role && !hasRoleAtLeast(principal.role, rule.role)) {
      throw new ForbiddenError(`This operation needs the ${rule.role} role or higher`, ErrorReason.ROLE_REQUIRED);
    }
  }
  return principal;
}

export const authChecker: AuthChecker<RequestContext, GuardRule> = ({ context }, rules) => {
  allowedPrincipal(context.auth, rules);
  return true;
};
