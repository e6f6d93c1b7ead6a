import { actorOf, AuditService } from '@app/audit';
import { Injectable } from '@nestjs/common';
import { AppConfig, newId, PaginationQueryDto, resolveSafeTarget, TenantContext } from '@app/core';
import { DatabaseService } from '@app/database';
import { privateNetworksAllowed } from '../deliveries/webhook-sender';
import { CreateWebhookDto } from '../dto/create-webhook.dto';
import { UpdateWebhookDto } from '../dto/update-webhook.dto';
import { newSigningSecret, SecretBox } from '../secrets/secret-box';
import { endpointView } from '../views';
import { emptyUpdate, tooManyEndpoints, webhookNotFound } from '../webhooks.errors';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';

/** Webhook endpoints of an organisation: their filters, state and signing secrets. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly config: AppConfig,
    private readonly database: DatabaseService,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly secrets: SecretBox,
    private readonly audit: AuditService,
  ) {}

  /**
   * Seals every stored signing secret (current and previous) with the current WEBHOOK_SECRET_KEY, opening those sealed
   * with WEBHOOK_SECRET_KEY_PREVIOUS; one endpoint at a time under a row lock, so a rotation of the endpoint's own
   * secret meanwhile is not lost. A secret no key opens is counted and left as it is.
   */
  async reencryptSecrets(): Promise<{ endpoints: number; reencrypted: number; unreadable: number }> {
    const ids = await this.endpoints.allIds();
    let reencrypted = 0;
    let unreadable = 0;
    for (const { id, orgId } of ids) {
      await this.database.transaction(async (manager) => {
        const endpoint = await this.endpoints.findForUpdate(orgId, id, manager);
        if (!endpoint) return;
        const patch: Partial<WebhookEndpoint> = {};
        for (const column of ['secretEncrypted', 'previousSecretEncrypted'] as const) {
          const stored = endpoint[column];
          if (!stored || this.secrets.isCurrent(stored)) continue;
          try {
            patch[column] = this.secrets.encrypt(this.secrets.decrypt(stored));
            reencrypted += 1;
          } catch {
            unreadable += 1;
          }
        }
        if (Object.keys(patch).length > 0) await this.endpoints.update(orgId, id, patch, manager);
      });
    }
    return { endpoints: ids.length, reencrypted, unreadable };
  }

  /** The secret is in this answer only; the database keeps it encrypted. */
  async create(context: TenantContext, input: CreateWebhookDto) {
    await this.assertReachableUrl(input.url);
    const secret = newSigningSecret();
    const endpoint = await this.database.transaction(async (manager) => {
      // Counted under a lock on the organisation's rows so two concurrent creates cannot both pass the limit.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
        `webhook_endpoints:${context.orgId}`,
      ]);
      const count = await this.endpoints.count(context.orgId, {}, manager);
      if (count >= this.config.WEBHOOK_MAX_ENDPOINTS_PER_ORG)
        throw tooManyEndpoints(this.config.WEBHOOK_MAX_ENDPOINTS_PER_ORG);
      return this.endpoints.insert(
        context.orgId,
        {
          id: newId('whk'),
          url: input.url,
          events: input.events,
          description: input.description ?? null,
          enabled: input.enabled ?? true,
          disabledReason: null,
          secretEncrypted: this.secrets.encrypt(secret),
          previousSecretEncrypted: null,
          previousSecretExpiresAt: null,
          failingSince: null,
        },
        manager,
      );
    });
    return { ...endpointView(endpoint), secret };
  }

  async list(context: TenantContext, page: PaginationQueryDto) {
    const [rows, total, nextCursor] = await this.endpoints.findPage(context.orgId, {}, page, {
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    return { items: rows.map(endpointView), total, nextCursor };
  }

  async get(context: TenantContext, id: string) {
    return endpointView(await this.findOrFail(context.orgId, id));
  }

  async update(context: TenantContext, id: string, input: UpdateWebhookDto) {
    if (Object.values(input).every((value) => value === undefined)) throw emptyUpdate();
    const current = await this.findOrFail(context.orgId, id);
    if (input.url !== undefined && input.url !== current.url) await this.assertReachableUrl(input.url);
    const patch: Partial<WebhookEndpoint> = {};
    if (input.url !== undefined) patch.url = input.url;
    if (input.events !== undefined) patch.events = input.events;
    if (input.description !== undefined) patch.description = input.description;
    if (input.enabled !== undefined) {
      patch.enabled = input.enabled;
      // Switching it back on is a fresh start: the old failure streak no longer counts towards disabling it.
      if (input.enabled) Object.assign(patch, { disabledReason: null, failingSince: null });
    }
    if (!(await this.endpoints.update(context.orgId, id, patch))) throw webhookNotFound();
    return this.get(context, id);
  }

  /** Deletes the endpoint with its deliveries and their log. */
  async remove(context: TenantContext, id: string): Promise<void> {
    if (!(await this.endpoints.delete(context.orgId, id))) throw webhookNotFound();
  }

  /**
   * A new secret, shown in this answer only. The previous one keeps signing (a second signature in
   * webhook-signature) for WEBHOOK_SECRET_ROTATION_OVERLAP_SECONDS so receivers can switch without losing messages.
   */
  async rotateSecret(context: TenantContext, id: string) {
    const current = await this.findOrFail(context.orgId, id);
    const secret = newSigningSecret();
    const overlapMs = this.config.WEBHOOK_SECRET_ROTATION_OVERLAP_SECONDS * 1000;
    await this.database.transaction(async (manager) => {
      await this.endpoints.update(
        context.orgId,
        id,
        {
          secretEncrypted: this.secrets.encrypt(secret),
          previousSecretEncrypted: overlapMs > 0 ? current.secretEncrypted : null,
          previousSecretExpiresAt: overlapMs > 0 ? new Date(Date.now() + overlapMs) : null,
        },
        manager,
      );
      await this.audit.record(manager, {
        orgId: context.orgId,
        actor: actorOf(context),
        action: 'webhook.secret_rotated',
        target: { type: 'webhook', id },
      });
    });
    return { ...(await this.get(context, id)), secret };
  }

  /** The secrets that sign a message now: the current one, and the previous one during a rotation overlap. */
  signingSecrets(
    endpoint: Pick<
      WebhookEndpoint,
      'secretEncrypted' | 'previousSecretEncrypted' | 'previousSecretExpiresAt'
    >,
    now = new Date(),
  ): string[] {
    const secrets = [this.secrets.decrypt(endpoint.secretEncrypted)];
    if (
      endpoint.previousSecretEncrypted &&
      endpoint.previousSecretExpiresAt &&
      endpoint.previousSecretExpiresAt > now
    )
      secrets.push(this.secrets.decrypt(endpoint.previousSecretEncrypted));
    return secrets;
  }

  async findOrFail(orgId: string, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.findOne(orgId, id);
    if (!endpoint) throw webhookNotFound();
    return endpoint;
  }

  private async assertReachableUrl(url: string): Promise<void> {
    await resolveSafeTarget(url, privateNetworksAllowed(this.config));
  }
}
