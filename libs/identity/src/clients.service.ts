import { actorOf, AuditService } from '@app/audit';
import { DatabaseService } from '@app/database';
import { Injectable } from '@nestjs/common';
import { newId, notFound, PaginationQueryDto, Scope, SCOPES, TenantContext } from '@app/core';
import { AccessTokensService } from './access-tokens.service';
import { CreateClientDto } from './dto/create-client.dto';
import { limitReached, OAuthError } from './identity.errors';
import { ApiClientsRepository } from './repositories/api-clients.repository';
import { constantTimeEqual, randomToken, sha256 } from './secrets';
import { clientView } from './views';

/** Service accounts are few per organisation; the bound keeps a runaway script from minting thousands. */
export const MAX_CLIENTS_PER_ORG = 100;

/** Compared against when the client id is unknown, so both failures take the same path. */
const UNKNOWN_CLIENT_HASH = sha256(randomToken());

/** Service accounts (OAuth2 clients) of an organisation, and the client-credentials grant. */
@Injectable()
export class ClientsService {
  constructor(
    private readonly clients: ApiClientsRepository,
    private readonly accessTokens: AccessTokensService,
    private readonly database: DatabaseService,
    private readonly audit: AuditService,
  ) {}

  /** The secret is in this answer only; the database keeps its SHA-256. */
  async create(context: TenantContext, input: CreateClientDto) {
    if ((await this.clients.count(context.orgId)) >= MAX_CLIENTS_PER_ORG)
      throw limitReached('service clients', MAX_CLIENTS_PER_ORG);
    const clientSecret = randomToken();
    const client = await this.database.transaction(async (manager) => {
      const inserted = await this.clients.insert(
        context.orgId,
        {
          id: newId('cli'),
          name: input.name.trim(),
          secretHash: sha256(clientSecret),
          scopes: SCOPES.filter((scope) => input.scopes.includes(scope)),
          createdBy: context.actor.kind === 'user' ? context.actor.userId : context.actor.clientId,
        },
        manager,
      );
      await this.audit.record(manager, {
        orgId: context.orgId,
        actor: actorOf(context),
        action: 'client.created',
        target: { type: 'client', id: inserted.id },
        details: { scopes: inserted.scopes },
      });
      return inserted;
    });
    return { ...clientView(client), clientSecret };
  }

  async list(context: TenantContext, page: PaginationQueryDto) {
    const [rows, total, nextCursor] = await this.clients.findPage(context.orgId, {}, page, {
      order: { createdAt: 'DESC' },
    });
    return { items: rows.map(clientView), total, nextCursor };
  }

  /** Tokens already issued to the client stop working at once: the guard checks the client on every request. */
  async remove(context: TenantContext, clientId: string): Promise<void> {
    if (!(await this.clients.delete(context.orgId, clientId))) throw notFound('Client');
  }

  /** RFC 6749 §4.4: authenticates the client and issues an access token for the requested (or all its) scopes. */
  async issueToken(
    clientId: string,
    clientSecret: string,
    requestedScope: string | undefined,
    viaBasic: boolean,
  ) {
    const client = await this.clients.findWithSecret(clientId);
    const matches = constantTimeEqual(sha256(clientSecret), client?.secretHash ?? UNKNOWN_CLIENT_HASH);
    if (!client || !matches) {
      throw new OAuthError(
        'invalid_client',
        'Client authentication failed',
        401,
        viaBasic ? { 'WWW-Authenticate': 'Basic realm="parley"' } : {},
      );
    }
    let scopes: Scope[] = client.scopes;
    if (requestedScope !== undefined) {
      const requested = [...new Set(requestedScope.split(' ').filter((s) => s !== ''))];
      if (requested.length === 0 || !requested.every((s) => client.scopes.includes(s as Scope)))
        throw new OAuthError(
          'invalid_scope',
          'The requested scope exceeds the scopes granted to this client',
        );
      scopes = requested as Scope[];
    }
    return {
      access_token: this.accessTokens.issueForClient(client.id, client.orgId, scopes),
      token_type: 'Bearer' as const,
      expires_in: this.accessTokens.lifetimeSeconds,
      scope: scopes.join(' '),
    };
  }
}
