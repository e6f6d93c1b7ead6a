import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import {
  ACCESS_KEY,
  AccessRule,
  forbidden,
  IS_PUBLIC_KEY,
  roleAtLeast,
  TENANT_REQUEST_KEY,
  unauthenticated,
} from '@app/core';
import { TenantResolverService } from '@app/identity';

const BEARER = /^Bearer ([A-Za-z0-9\-_.]+)$/;

/**
 * The global guard: every route is closed unless it says `@Public()` or `@Access({ role, scope })`.
 * It resolves the caller's TenantContext onto the request (read by `@Tenant()`) and enforces the rule:
 * a user needs at least `role`; a service token needs `scope` (a rule without one refuses service tokens).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tenants: TenantResolverService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw unauthenticated();
    const selected = request.headers['x-selected-org-id'];
    const tenant = await this.tenants.resolve(token, Array.isArray(selected) ? selected[0] : selected);
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, targets);
    // Fail closed: a route that forgot to declare its rule serves nobody.
    if (!rule) throw forbidden('This route declares no access rule');
    if (tenant.actor.kind === 'client') {
      if (!rule.scope || !tenant.scopes.includes(rule.scope))
        throw forbidden(
          rule.scope ? `This token lacks the ${rule.scope} scope` : 'Service tokens cannot call this',
        );
    } else if (!roleAtLeast(tenant.role, rule.role)) {
      throw forbidden(`This needs the ${rule.role} role or above`);
    }
    (request as unknown as Record<string, unknown>)[TENANT_REQUEST_KEY] = tenant;
    return true;
  }
}
