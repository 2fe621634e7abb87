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

/** A verified token's claims (`sub`, `institution`, `roles`) as a principal, or `auth.claims-invalid`. */
export function principalOf(claims: Record<string, unknown>): Principal {
  const { sub, institution, roles } = claims;
  if (typeof sub !== 'string' || sub === '') throw new AuthError('auth.claims-invalid', 'the token has no "sub" claim');
  if (typeof institution !== 'string' || institution === '') {
    throw new AuthError('auth.claims-invalid', 'the token has no "institution" claim');
  }
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
    throw new AuthError('auth.claims-invalid', `the token's "roles" must be a list of ${ROLES.join(', ')}`);
  }
  return { subject: sub, institutionId: institution, roles: [...new Set(roles)] };
}

/** Passes when the principal holds any of `roles`; otherwise `auth.forbidden` (403). */
export function requireRole(principal: Principal, roles: readonly Role[]): void {
  if (!roles.some((r) => principal.roles.includes(r))) {
    throw new AuthError('auth.forbidden', `this needs one of the roles: ${roles.join(', ')}`, 403);
  }
}
