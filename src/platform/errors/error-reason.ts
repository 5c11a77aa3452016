/**
 * Why an error happened, in `extensions.reason` beside `extensions.code`: stable values clients may branch on
 * (the code says what kind of failure; the reason, which one). Only reasons we raise are listed.
 */
export enum ErrorReason {
  /** CONFLICT: `expectedVersion` is stale; `extensions.currentVersion` is the record's version now. */
  VERSION_MISMATCH = 'VERSION_MISMATCH',
  /** CONFLICT: a concurrent request wrote the same unique value first, or interfered (serialization, deadlock). */
  CONCURRENT_WRITE = 'CONCURRENT_WRITE',
  /** CONFLICT: a settings entry or team of that name exists (archived ones too). */
  NAME_TAKEN = 'NAME_TAKEN',
  /** CONFLICT: another product of the workspace has this sku. */
  SKU_TAKEN = 'SKU_TAKEN',
  /** CONFLICT: the person invited is already a member. */
  ALREADY_MEMBER = 'ALREADY_MEMBER',
  /** CONFLICT: the workspace's last OWNER cannot leave or be demoted. */
  LAST_OWNER = 'LAST_OWNER',
  /** CONFLICT: the two accounts are already linked with that relationship type. */
  ALREADY_LINKED = 'ALREADY_LINKED',
  /** CONFLICT: a characteristic's data type or options are used by account values. */
  IN_USE = 'IN_USE',
  /** CONFLICT: the lead is CLOSED or CONVERTED; it no longer changes (closing or assigning it again included). */
  LEAD_CLOSED = 'LEAD_CLOSED',
  /** CONFLICT: the lead was already converted (convertLead twice, or a concurrent conversion won). */
  LEAD_ALREADY_CONVERTED = 'LEAD_ALREADY_CONVERTED',
  /** BAD_USER_INPUT: another record of the workspace has this `externalId`. */
  EXTERNAL_ID_TAKEN = 'EXTERNAL_ID_TAKEN',
  /**
   * BAD_USER_INPUT: a record cannot enter that step of its workflow now (e.g. a deal's stage, skipped under strict
   * order, or a closed deal moved before reopening); `extensions.allowedStageIds` lists where it may go.
   */
  STAGE_ORDER = 'STAGE_ORDER',
  /** BAD_USER_INPUT: the record lacks what the step requires; `extensions.missingFields` lists what (e.g. AMOUNT). */
  STAGE_REQUIREMENTS = 'STAGE_REQUIREMENTS',
  /** BAD_USER_INPUT: `after` / `before` is not a cursor of this list and order. */
  INVALID_CURSOR = 'INVALID_CURSOR',
  /** FORBIDDEN: the member's role is too low. */
  ROLE_REQUIRED = 'ROLE_REQUIRED',
  /** FORBIDDEN: the API key lacks the scope. */
  SCOPE_REQUIRED = 'SCOPE_REQUIRED',
  /** FORBIDDEN: only a logged-in member may do this, not an API key. */
  MEMBERS_ONLY = 'MEMBERS_ONLY',
  /** FORBIDDEN: sign-up is disabled on this server. */
  SIGNUP_DISABLED = 'SIGNUP_DISABLED',
  /** NOT_FOUND: the record does not exist or is outside the caller's reach (the two are not told apart). */
  RECORD_NOT_FOUND = 'RECORD_NOT_FOUND',
}
