import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import {
  countryOf,
  nationalDigits,
  newId,
  notFound,
  toE164,
  validationFailed,
  type TenantContext,
} from '@app/core';
import { actorOf, AuditService, SYSTEM } from '@app/audit';
import { CrmCustomersService } from '@app/crm';
import { DatabaseService, TenantRepository } from '@app/database';
import { JobName, JobsService } from '@app/queue';
import { RecordDeletionService } from '@app/records';
import { ContactsService, TranscribesService } from '@app/transcribes';
import { OutboxService } from '@app/webhooks';
import type { CreateErasureRequestDto } from './dto/create-erasure-request.dto';
import { ErasureRequestEntity, type ErasureCriteria, type ErasureMatches } from './erasure-request.entity';

/** Records purged per transaction: an erasure across 50,000 calls holds no transaction long. */
export const ERASURE_BATCH = 50;

export const presentErasure = (request: ErasureRequestEntity) => ({
  id: request.id,
  status: request.status,
  criteria: request.criteria,
  matched: request.matched,
  error: request.error,
  createdAt: request.createdAt.toISOString(),
  completedAt: request.completedAt?.toISOString() ?? null,
});

@Injectable()
export class ErasureRequestsRepository extends TenantRepository<ErasureRequestEntity> {
  constructor(@InjectRepository(ErasureRequestEntity) repository: Repository<ErasureRequestEntity>) {
    super(repository);
  }
}

/**
 * Erasure of a person (api.md "Deletion, retention and erasure"): every call whose caller or callee is their phone
 * number, every contact with their number, e-mail or id, and the conversations of those contacts are purged in
 * every derived copy, `record.erased` per record. Records under legal hold are kept and listed.
 */
@Injectable()
export class ErasureService {
  private readonly logger = new Logger(ErasureService.name);

  constructor(
    private readonly requests: ErasureRequestsRepository,
    private readonly database: DatabaseService,
    private readonly jobs: JobsService,
    private readonly deletion: RecordDeletionService,
    private readonly contacts: ContactsService,
    private readonly transcribes: TranscribesService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly crm: CrmCustomersService,
  ) {}

  async request(ctx: TenantContext, input: CreateErasureRequestDto): Promise<ErasureRequestEntity> {
    const criteria: ErasureCriteria = {};
    if (input.phoneNumber != null) {
      const e164 = toE164(input.phoneNumber);
      if (!e164)
        throw validationFailed(
          'phoneNumber is not a phone number in international form (e.g. +1 555 010 4567)',
          [{ field: 'phoneNumber', message: 'is not a phone number in international form' }],
        );
      criteria.phoneNumber = e164;
    }
    if (input.email != null) criteria.email = input.email.trim().toLowerCase();
    if (input.contactId != null) criteria.contactId = input.contactId;
    if (input.externalId != null) criteria.externalId = input.externalId;
    if (Object.keys(criteria).length === 0)
      throw validationFailed('Name the person: phoneNumber, email, contactId or externalId', [
        { field: 'phoneNumber', message: 'one of phoneNumber, email, contactId, externalId is required' },
      ]);
    const actor = actorOf(ctx);
    const id = newId('era');
    await this.database.transaction(async (manager) => {
      await this.requests.insert(
        ctx.orgId,
        {
          id,
          status: 'pending',
          criteria,
          matched: {},
          requestedBy: actor.id,
          error: null,
          completedAt: null,
        },
        manager,
      );
      await this.audit.record(manager, {
        orgId: ctx.orgId,
        actor,
        action: 'erasure.requested',
        target: { type: 'erasure', id },
      });
    });
    await this.jobs.enqueue({ name: JobName.ErasePerson, data: { orgId: ctx.orgId, erasureId: id } });
    return this.findOne(ctx.orgId, id);
  }

  async findOne(orgId: string, id: string): Promise<ErasureRequestEntity> {
    const found = await this.requests.findOne(orgId, id);
    if (!found) throw notFound('Erasure request');
    return found;
  }

  /** The job: finds everything about the person, purges it batch by batch, records what it found. */
  async run(data: { orgId: string; erasureId: string }): Promise<Partial<ErasureMatches>> {
    const request = await this.requests.findOne(data.orgId, data.erasureId);
    if (!request || request.status === 'completed') return request?.matched ?? {};
    await this.requests.update(request.orgId, request.id, { status: 'running' });
    try {
      const matched = await this.erase(request);
      await this.requests.update(request.orgId, request.id, {
        status: 'completed',
        matched,
        completedAt: new Date(),
      });
      this.logger.log(
        `Erasure ${request.id}: ${JSON.stringify({ ...matched, heldRecords: matched.heldRecords.length })}`,
      );
      return matched;
    } catch (error) {
      await this.requests.update(request.orgId, request.id, {
        status: 'failed',
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  }

  private async erase(request: ErasureRequestEntity): Promise<ErasureMatches> {
    const { orgId, criteria } = request;
    const phone = criteria.phoneNumber;
    const country = phone ? countryOf(phone) : undefined;
    const samePhone = (value: string | null | undefined) =>
      !!phone && !!value && toE164(value, country) === phone;

    const contacts = (
      await this.contacts.findForErasure(orgId, {
        contactId: criteria.contactId,
        email: criteria.email,
        phoneDigits: phone ? nationalDigits(phone) : undefined,
      })
    ).filter(
      (contact) =>
        contact.id === criteria.contactId ||
        (!!criteria.email && contact.email?.toLowerCase() === criteria.email) ||
        samePhone(contact.phoneNumber),
    );
    const contactIds = contacts.map((contact) => contact.id);
    const conversationRecords = await this.transcribes.recordIdsOfContacts(orgId, contactIds);
    const callRecords = await this.callsOf(orgId, criteria, samePhone);
    const recordIds = [...new Set([...callRecords, ...conversationRecords])];

    const erased: string[] = [];
    for (let i = 0; i < recordIds.length; i += ERASURE_BATCH) {
      const batch = recordIds.slice(i, i + ERASURE_BATCH);
      const purged = await this.deletion.purgeAsSystem(
        orgId,
        batch,
        SYSTEM,
        { reason: 'erasure', erasureId: request.id },
        async (manager, ids) => {
          await this.audit.record(
            manager,
            ...ids.map((id) => ({
              orgId,
              actor: SYSTEM,
              action: 'record.erased' as const,
              target: { type: 'record', id },
              details: { erasureId: request.id },
            })),
          );
          for (const id of ids)
            await this.outbox.add(manager, {
              orgId,
              type: 'record.erased',
              dedupeKey: `record.erased:${id}`,
              data: { id, erasureId: request.id },
            });
        },
      );
      erased.push(...purged);
    }
    const held = recordIds.filter((id) => !erased.includes(id));
    // A contact whose conversation is held stays with it.
    const heldContacts = new Set(held.length > 0 ? await this.contactsOfRecords(orgId, held) : []);
    const erasable = contactIds.filter((id) => !heldContacts.has(id));
    const crmCustomers = await this.crm.findForErasure(orgId, {
      phoneNumber: criteria.phoneNumber,
      email: criteria.email,
      externalId: criteria.externalId,
    });
    const customersErased = await this.database.transaction(async (manager) => {
      const count = await this.crm.erase(manager, orgId, crmCustomers);
      await this.audit.record(
        manager,
        ...crmCustomers.map((id) => ({
          orgId,
          actor: SYSTEM,
          action: 'crm_customer.deleted' as const,
          target: { type: 'crm_customer', id },
          details: { erasureId: request.id },
        })),
      );
      return count;
    });
    const contactsErased = await this.database.transaction(async (manager) => {
      const count = await this.contacts.erase(orgId, erasable, manager);
      await this.audit.record(
        manager,
        ...erasable.map((id) => ({
          orgId,
          actor: SYSTEM,
          action: 'contact.deleted' as const,
          target: { type: 'contact', id },
          details: { erasureId: request.id },
        })),
      );
      return count;
    });
    return {
      records: erased.length,
      transcribes: conversationRecords.filter((id) => erased.includes(id)).length,
      contacts: contactsErased,
      crmCustomers: customersErased,
      heldRecords: held,
    };
  }

  /** Calls whose caller or callee is the number, or whose external id is the person's. */
  private async callsOf(
    orgId: string,
    criteria: ErasureCriteria,
    samePhone: (value: string | null | undefined) => boolean,
  ): Promise<string[]> {
    const ids: string[] = [];
    const phone = criteria.phoneNumber;
    if (phone) {
      // Candidates by the digits every form of the number contains; each is then compared in E.164.
      const rows = (await this.database.transaction((manager) =>
        manager.query(
          `SELECT id, customer_phone, "from"->>'phoneNumber' AS from_phone, "to"->>'phoneNumber' AS to_phone
             FROM records
            WHERE org_id = $1 AND (
                    regexp_replace(coalesce(customer_phone, ''), '\\D', '', 'g') LIKE '%' || $2 || '%' OR
                    regexp_replace(coalesce("from"->>'phoneNumber', ''), '\\D', '', 'g') LIKE '%' || $2 || '%' OR
                    regexp_replace(coalesce("to"->>'phoneNumber', ''), '\\D', '', 'g') LIKE '%' || $2 || '%')`,
          [orgId, nationalDigits(phone)],
        ),
      )) as Array<{
        id: string;
        customer_phone: string | null;
        from_phone: string | null;
        to_phone: string | null;
      }>;
      ids.push(
        ...rows
          .filter(
            (row) => samePhone(row.customer_phone) || samePhone(row.from_phone) || samePhone(row.to_phone),
          )
          .map((row) => row.id),
      );
    }
    if (criteria.externalId) {
      const rows = (await this.database.transaction((manager) =>
        manager.query(`SELECT id FROM records WHERE org_id = $1 AND external_id = $2`, [
          orgId,
          criteria.externalId,
        ]),
      )) as Array<{ id: string }>;
      ids.push(...rows.map((row) => row.id));
    }
    return ids;
  }

  private async contactsOfRecords(orgId: string, recordIds: string[]): Promise<string[]> {
    const rows = (await this.database.transaction((manager) =>
      manager.query(`SELECT contact_id FROM transcribes WHERE org_id = $1 AND record_id = ANY($2::text[])`, [
        orgId,
        recordIds,
      ]),
    )) as Array<{ contact_id: string }>;
    return rows.map((row) => row.contact_id);
  }
}
