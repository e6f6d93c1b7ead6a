import { actorOf, AuditService } from '@app/audit';
import { IsNull } from 'typeorm';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  forbidden,
  idOfUuid,
  newId,
  PaginationQueryDto,
  roleAtLeast,
  TenantContext,
  validationFailed,
} from '@app/core';
import { DatabaseService } from '@app/database';
import { TranscribesRepository } from '../transcribes/transcribes.repository';
import { contactHasTranscribes, contactNotFound } from '../transcribes.errors';
import { ContactEntity } from './contact.entity';
import { ContactsRepository } from './contacts.repository';
import { CreateContactDto, UpdateContactDto } from './dto/contact.dto';

export const presentContact = (contact: ContactEntity) => ({
  id: contact.id,
  displayName: contact.displayName,
  firstName: contact.firstName,
  lastName: contact.lastName,
  email: contact.email,
  phoneNumber: contact.phoneNumber,
  company: contact.company,
  externalRef: contact.externalRef,
  createdAt: contact.createdAt.toISOString(),
  updatedAt: contact.updatedAt.toISOString(),
});

export type ContactView = ReturnType<typeof presentContact>;

const IDENTIFYING = ['displayName', 'firstName', 'lastName', 'email', 'phoneNumber'] as const;

/** A name to list the contact by when none was given: the full name, else the email or phone number. */
const derivedDisplayName = (contact: Pick<ContactEntity, (typeof IDENTIFYING)[number]>) =>
  contact.displayName ||
  [contact.firstName, contact.lastName].filter(Boolean).join(' ') ||
  contact.email ||
  contact.phoneNumber ||
  null;

@Injectable()
export class ContactsService {
  constructor(
    private readonly contacts: ContactsRepository,
    private readonly transcribes: TranscribesRepository,
    private readonly database: DatabaseService,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: TenantContext, page: PaginationQueryDto): Promise<[ContactView[], number, string | null]> {
    const [rows, total, nextCursor] = await this.contacts.findPage(ctx.orgId, { deletedAt: IsNull() }, page, {
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    return [rows.map(presentContact), total, nextCursor];
  }

  async create(ctx: TenantContext, dto: CreateContactDto): Promise<ContactView> {
    const fields = {
      displayName: dto.displayName ?? null,
      firstName: dto.firstName || null,
      lastName: dto.lastName || null,
      email: dto.email ?? null,
      phoneNumber: dto.phoneNumber ?? null,
      company: dto.company || null,
    };
    if (!IDENTIFYING.some((name) => fields[name]))
      throw validationFailed('A contact needs a displayName, a name, an email or a phoneNumber', [
        {
          field: 'displayName',
          message: 'displayName, firstName, lastName, email or phoneNumber is required',
        },
      ]);
    const contact = await this.contacts.insert(ctx.orgId, {
      id: newId('con'),
      ...fields,
      displayName: derivedDisplayName(fields),
    });
    return presentContact(contact);
  }

  /**
   * The contact another system names by a UUID (Rechat's transcribes): a Parley contact whose id has that UUID form,
   * else the one recorded for that reference, else a new contact holding only the reference — Parley does not keep
   * the other system's address book, and a conversation needs someone to be with. A reference the organisation
   * deleted stays deleted (null).
   */
  async findOrAddByReference(ctx: TenantContext, reference: string): Promise<ContactEntity | null> {
    const known = await this.findByReference(ctx, reference);
    if (known) return known;
    await this.contacts.insertReferenceIfMissing(ctx.orgId, newId('con'), reference.toLowerCase());
    return this.contacts.findByReference(ctx.orgId, reference.toLowerCase());
  }

  async get(ctx: TenantContext, id: string): Promise<ContactView> {
    return presentContact(await this.findOrFail(ctx.orgId, id));
  }

  async update(ctx: TenantContext, id: string, dto: UpdateContactDto): Promise<ContactView> {
    const contact = await this.findOrFail(ctx.orgId, id);
    const patch: Partial<ContactEntity> = {};
    for (const name of [...IDENTIFYING, 'company'] as const)
      if (dto[name] !== undefined) patch[name] = dto[name] || null;
    const merged = { ...contact, ...patch };
    if (!IDENTIFYING.some((name) => merged[name]))
      throw validationFailed('A contact needs a displayName, a name, an email or a phoneNumber');
    if (Object.keys(patch).length > 0) await this.contacts.update(ctx.orgId, id, patch);
    return presentContact(await this.findOrFail(ctx.orgId, id));
  }

  /**
   * A contact with live transcribes stays (409): deleting it would leave conversations with nobody. Otherwise it is
   * hidden (404 from then on), or with `permanent` (admin) removed for good.
   */
  async remove(ctx: TenantContext, id: string, permanent = false): Promise<void> {
    if (permanent && !roleAtLeast(ctx.role, 'admin')) throw forbidden('Only an admin may purge a contact');
    await this.database.transaction(async (manager) => {
      if (!(await this.contacts.findLocked(ctx.orgId, id, 'update', manager))) throw contactNotFound();
      const count = await this.transcribes.countLiveOfContact(ctx.orgId, id, manager);
      if (count > 0) throw contactHasTranscribes(count);
      if (permanent) await this.contacts.delete(ctx.orgId, id, manager);
      else await this.contacts.update(ctx.orgId, id, { deletedAt: new Date() }, manager);
      await this.audit.record(manager, {
        orgId: ctx.orgId,
        actor: actorOf(ctx),
        action: 'contact.deleted',
        target: { type: 'contact', id },
        details: { permanent },
      });
    });
  }

  // --- for an erasure of a person (libs/privacy) ---------------------------------------------

  /**
   * Contacts that may be the person: the given id, the e-mail (case-insensitive), or a phone number whose digits
   * contain `phoneDigits` (the caller checks the number itself). Returns id, e-mail and phone of each.
   */
  async findForErasure(
    orgId: string,
    criteria: { contactId?: string; email?: string; phoneDigits?: string },
  ): Promise<Array<{ id: string; email: string | null; phoneNumber: string | null }>> {
    return this.database.transaction((manager) =>
      manager.query(
        `SELECT id, email, phone_number AS "phoneNumber" FROM contacts
          WHERE org_id = $1 AND (id = $2 OR lower(email) = lower($3)
             OR ($4::text IS NOT NULL AND regexp_replace(coalesce(phone_number, ''), '\\D', '', 'g') LIKE '%' || $4 || '%'))`,
        [orgId, criteria.contactId ?? null, criteria.email ?? null, criteria.phoneDigits ?? null],
      ),
    );
  }

  /** Removes contacts whatever they still hang on (an erasure purged their conversations first). */
  async erase(orgId: string, ids: string[], manager: EntityManager): Promise<number> {
    if (ids.length === 0) return 0;
    const result = (await manager.query(`DELETE FROM contacts WHERE org_id = $1 AND id = ANY($2::text[])`, [
      orgId,
      ids,
    ])) as [unknown, number];
    return result[1];
  }

  /** For transcribes: the contact of the organisation, or null (never another organisation's). */
  find(orgId: string, id: string, manager?: EntityManager): Promise<ContactEntity | null> {
    return this.contacts.findOne(orgId, id, manager);
  }

  /** The live contacts among these ids. */
  findMany(orgId: string, ids: string[]): Promise<ContactEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.contacts.findLiveByIds(orgId, ids);
  }

  /** The live contact another system names by this UUID (see findOrAddByReference), without adding one. */
  async findByReference(ctx: TenantContext, reference: string): Promise<ContactEntity | null> {
    const own = idOfUuid('con', reference);
    const found = (own && (await this.contacts.findOne(ctx.orgId, own))) || null;
    return found ?? this.contacts.findByReference(ctx.orgId, reference.toLowerCase());
  }

  /** The contact, held (share lock) until the caller's transaction ends so it cannot be deleted meanwhile. */
  holdForTranscribe(orgId: string, id: string, manager: EntityManager): Promise<ContactEntity | null> {
    return this.contacts.findLocked(orgId, id, 'share', manager);
  }

  private async findOrFail(orgId: string, id: string, manager?: EntityManager): Promise<ContactEntity> {
    const contact = await this.contacts.findOne(orgId, id, manager);
    if (!contact) throw contactNotFound();
    return contact;
  }
}
