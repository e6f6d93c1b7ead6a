import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { unauthenticated } from '../errors/app-error';
import { Role, Scope, TenantContext } from './tenant-context';

export const IS_PUBLIC_KEY = 'parley:public';
export const ACCESS_KEY = 'parley:access';

/** A route anyone may call without a token (health, login, signup, oauth/token). */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

export interface AccessRule {
  /** Lowest role a user needs. */
  role: Role;
  /** Scope a service token needs; without one, service tokens are refused. */
  scope?: Scope;
}

/** Declares who may call a route: a user of at least `role`, or a service token holding `scope`. */
export const Access = (rule: AccessRule) => SetMetadata(ACCESS_KEY, rule);

/** Reading calls and their transcripts: any member, or a service token with `recordings.read`. */
export const READ_RECORDINGS: AccessRule = { role: 'viewer', scope: 'recordings.read' };
/** Adding or changing calls: an agent or above, or a service token with `recordings.write`. */
export const WRITE_RECORDINGS: AccessRule = { role: 'agent', scope: 'recordings.write' };

/** The request property the identity guard fills. */
export const TENANT_REQUEST_KEY = 'tenant';

/** Injects the resolved TenantContext of the caller. */
export const Tenant = createParamDecorator((_: unknown, ctx: ExecutionContext): TenantContext => {
  const request = ctx.switchToHttp().getRequest<Record<string, unknown>>();
  const tenant = request[TENANT_REQUEST_KEY] as TenantContext | undefined;
  if (!tenant) throw unauthenticated();
  return tenant;
});
