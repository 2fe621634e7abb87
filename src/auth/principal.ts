import { AuthError } from '../errors.js';

export const ROLES = ['source-system', 'receiver', 'ops', 'dpo'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as the verified token says: the only identity the API trusts. */
export interface Principal {
  subject: string;
  institutionId: string;
  roles: Role[];
}

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

/** Where a token carries the institution and the roles: claim names, dot paths for nested ones (`realm_access.roles`). */
export interface ClaimNames {
  institution: string;
  roles: string;
  /** Identity-provider role names for ours (`passerelle-ops` → `ops`); without it, ours as they are. */
  roleMap?: Readonly<Record<string, Role>>;
}

export const DEFAULT_CLAIMS: ClaimNames = { institution: 'institution', roles: 'roles' };

function claimAt(claims: Record<string, unknown>, path: string): unknown {
  let node: unknown = claims;
  for (const part of path.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

/**
 * A verified token's claims as a principal, or `auth.claims-invalid`. Role names the
 * gateway does not know are left aside (identity providers add their own, such as
 * Keycloak's `offline_access`); a token with none of ours is refused.
 */
export function principalOf(claims: Record<string, unknown>, names: ClaimNames = DEFAULT_CLAIMS): Principal {
  const sub = claims.sub;
  const institution = claimAt(claims, names.institution);
  const raw = claimAt(claims, names.roles);
  if (typeof sub !== 'string' || sub === '') throw new AuthError('auth.claims-invalid', 'the token has no "sub" claim');
  if (typeof institution !== 'string' || institution === '' || institution.length > 64) {
    throw new AuthError('auth.claims-invalid', `the token has no "${names.institution}" claim naming an institution`);
  }
  const list = typeof raw === 'string' ? raw.split(/[\s,]+/) : Array.isArray(raw) ? raw : [];
  const roles = list.map((r) => (typeof r === 'string' ? (names.roleMap ? names.roleMap[r] : isRole(r) ? r : undefined) : undefined)).filter(isRole);
  if (roles.length === 0) throw new AuthError('auth.claims-invalid', `the token's "${names.roles}" claim holds none of the roles ${ROLES.join(', ')}`);
  return { subject: sub, institutionId: institution, roles: [...new Set(roles)] };
}

/** Passes when the principal holds any of `roles`; otherwise `auth.forbidden` (403). */
export function requireRole(principal: Principal, roles: readonly Role[]): void {
  if (!roles.some((r) => principal.roles.includes(r))) {
    throw new AuthError('auth.forbidden', `this needs one of the roles: ${roles.join(', ')}`, 403);
  }
}
