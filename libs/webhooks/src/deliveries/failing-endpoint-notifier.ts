import { Injectable, Logger } from '@nestjs/common';
import { Mailer, PaginationQueryDto, roleAtLeast, TenantContext } from '@app/core';
import { UsersService } from '@app/identity';

const MAX_ADMIN_PAGES = 5;

/** Tells an organisation's admins (by email, when SMTP is configured) that an endpoint was switched off. */
@Injectable()
export class FailingEndpointNotifier {
  private readonly logger = new Logger(FailingEndpointNotifier.name);

  constructor(
    private readonly mailer: Mailer,
    private readonly users: UsersService,
  ) {}

  /** Never throws: a notification that cannot be sent must not fail the delivery job that triggered it. */
  async endpointDisabled(
    orgId: string,
    endpoint: { id: string; url: string },
    reason: string,
  ): Promise<void> {
    this.logger.warn(`Webhook endpoint ${endpoint.id} of ${orgId} disabled: ${reason}`);
    if (!this.mailer.enabled) return;
    try {
      const to = await this.adminEmails(orgId);
      await this.mailer.send({
        to,
        subject: 'Parley: a webhook endpoint was disabled',
        text:
          `The webhook endpoint ${endpoint.id} (${endpoint.url}) was disabled: ${reason}.\n\n` +
          `No further events are sent to it. Fix the receiver, then enable it again with ` +
          `PATCH /api/v1/webhooks/${endpoint.id} {"enabled": true}; failed deliveries can be sent again with ` +
          `POST /api/v1/webhooks/deliveries/<id>/redeliver.\n`,
      });
    } catch (error) {
      this.logger.error(`Could not email the admins of ${orgId}: ${(error as Error).message}`);
    }
  }

  private async adminEmails(orgId: string): Promise<string[]> {
    // Read through identity's service as the organisation's owner would see its member list.
    const context: TenantContext = {
      orgId,
      actor: { kind: 'client', clientId: 'system' },
      role: 'owner',
      scopes: [],
    };
    const emails: string[] = [];
    for (let page = 1; page <= MAX_ADMIN_PAGES; page += 1) {
      const query = Object.assign(new PaginationQueryDto(), { page, pageSize: 100 });
      const { items, total } = await this.users.list(context, query);
      emails.push(
        ...items.filter((member) => roleAtLeast(member.role, 'admin')).map((member) => member.email),
      );
      if (page * 100 >= total) break;
    }
    return emails;
  }
}
