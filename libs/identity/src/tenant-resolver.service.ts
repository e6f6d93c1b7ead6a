import { Injectable } from '@nestjs/common';
import { forbidden, isIdOf, TenantContext, unauthenticated } from '@app/core';
import { AccessTokensService } from './access-tokens.service';
import { ApiClientsRepository } from './repositories/api-clients.repository';
import { MembershipsRepository } from './repositories/memberships.repository';

/**
 * Turns a bearer token (+ the optional X-Selected-Org-ID) into the caller's TenantContext. The membership or
 * client is read again on every request, so a removed member or deleted client loses access at once and a
 * changed role applies at once; the token's own role claim is never trusted for authorisation.
 */
@Injectable()
export class TenantResolverService {
  constructor(
    private readonly accessTokens: AccessTokensService,
    private readonly memberships: MembershipsRepository,
    private readonly clients: ApiClientsRepository,
  ) {}

  async resolve(token: string, selectedOrgId: string | undefined): Promise<TenantContext> {
    const claims = this.accessTokens.verify(token);
    if (claims.kind === 'client') {
      const client = await this.clients.findOne(claims.org, claims.sub);
      if (!client) throw unauthenticated('This client no longer exists');
      if (selectedOrgId !== undefined && selectedOrgId !== claims.org)
        throw forbidden('A service token belongs to one organisation');
      return {
        orgId: client.orgId,
        actor: { kind: 'client', clientId: client.id },
        // Service tokens act through their scopes; the lowest role keeps role-based checks from granting more.
        role: 'viewer',
        scopes: claims.scopes.filter((scope) => client.scopes.includes(scope)),
      };
    }
    if (selectedOrgId !== undefined) {
      const membership = isIdOf('org', selectedOrgId)
        ? await this.memberships.findOfUser(selectedOrgId, claims.sub)
        : null;
      if (!membership) throw forbidden('You are not a member of the selected organisation');
      return {
        orgId: membership.orgId,
        actor: { kind: 'user', userId: claims.sub },
        role: membership.role,
        scopes: [],
      };
    }
    const membership = await this.memberships.findOfUser(claims.org, claims.sub);
    if (!membership) throw unauthenticated('This membership no longer exists');
    return {
      orgId: membership.orgId,
      actor: { kind: 'user', userId: claims.sub },
      role: membership.role,
      scopes: [],
    };
  }
}
