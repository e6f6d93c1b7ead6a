/** Roles per membership, strongest first (api.md "Authentication and tenancy"). */
export const ROLES = ['owner', 'admin', 'supervisor', 'agent', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { owner: 5, admin: 4, supervisor: 3, agent: 2, viewer: 1 };

export const roleAtLeast = (role: Role, minimum: Role): boolean => RANK[role] >= RANK[minimum];

/** Scopes a service (client-credentials) token may carry. */
export const SCOPES = [
  'recordings.write',
  'recordings.read',
  'analyses.read',
  'alerts.write',
  'webhooks.write',
  'billing.read',
] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * Who is calling, for which organisation, with what rights. Resolved once per request by the identity guard
 * and handed to services; every tenant-owned query takes `orgId` from here, never from the request body.
 */
export interface TenantContext {
  orgId: string;
  actor: { kind: 'user'; userId: string } | { kind: 'client'; clientId: string };
  role: Role;
  /** Scopes of a service token; a user's rights come from its role and this is empty. */
  scopes: Scope[];
}

export const actorId = (context: TenantContext): string =>
  context.actor.kind === 'user' ? context.actor.userId : context.actor.clientId;

/** An agent sees only what it owns (api.md); other roles see the whole organisation. */
export const ownerFilterFor = (context: TenantContext): string | undefined =>
  context.actor.kind === 'user' && context.role === 'agent' ? context.actor.userId : undefined;
