import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { parse } from 'csv-parse/sync';
import { validate } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { EntityManager, Repository } from 'typeorm';
import { newId, notFound, validationFailed, type ErrorDetail } from '@app/core';
import { DatabaseService, newestFirstPage, TenantRepository } from '@app/database';
import { CrmCustomerEntity } from './crm-customer.entity';
import { matchKeysOf, UnreadablePhone } from './customer-fields';
import { CreateCustomerDto, type ListCustomersQuery, type UpdateCustomerDto } from './dto/crm.dto';

/** api.md: an import carries at most this many customers. */
export const MAX_IMPORT_ROWS = 10_000;

export const presentCustomer = (customer: CrmCustomerEntity) => ({
  id: customer.id,
  name: customer.name,
  customerType: customer.customerType,
  externalId: customer.externalId,
  phoneNumbers: customer.phoneNumbers,
  emailAddresses: customer.emailAddresses,
  crmUrl: customer.crmUrl,
  integrationName: customer.integrationName,
  createdAt: customer.createdAt.toISOString(),
  updatedAt: customer.updatedAt.toISOString(),
});

@Injectable()
export class CrmCustomersRepository extends TenantRepository<CrmCustomerEntity> {
  constructor(@InjectRepository(CrmCustomerEntity) repository: Repository<CrmCustomerEntity>) {
    super(repository);
  }
}

const unreadable = (field: string, error: UnreadablePhone): ErrorDetail => ({
  field,
  message: error.message,
});

/** The crm_customers table: customers by hand and by bulk import (upsert by externalId). */
@Injectable()
export class CrmCustomersService {
  constructor(
    private readonly customers: CrmCustomersRepository,
    private readonly database: DatabaseService,
  ) {}

  list(orgId: string, query: ListCustomersQuery) {
    const builder = this.customers.query(orgId, 'customer');
    if (query.q) builder.andWhere('customer.name ILIKE :q', { q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%` });
    return newestFirstPage(builder, { orgId, alias: 'customer', column: 'created_at', page: query });
  }

  async findOne(orgId: string, id: string, manager?: EntityManager): Promise<CrmCustomerEntity> {
    const found = await this.customers.findOne(orgId, id, manager);
    if (!found) throw notFound('CRM customer');
    return found;
  }

  findMany(orgId: string, ids: string[]): Promise<CrmCustomerEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.customers.query(orgId, 'customer').andWhere('customer.id IN (:...ids)', { ids }).getMany();
  }

  async create(orgId: string, input: CreateCustomerDto): Promise<CrmCustomerEntity> {
    const keys = this.keysOrFail(input.phoneNumbers, input.emailAddresses);
    if (await this.customers.count(orgId, { externalId: input.externalId }))
      throw validationFailed(`A customer with externalId "${input.externalId}" exists: update it or import`, [
        { field: 'externalId', message: 'is already used' },
      ]);
    return this.customers.insert(orgId, { id: newId('crm'), ...this.columns(input), ...keys });
  }

  async update(orgId: string, id: string, patch: UpdateCustomerDto): Promise<CrmCustomerEntity> {
    const current = await this.findOne(orgId, id);
    const phoneNumbers = patch.phoneNumbers ?? current.phoneNumbers;
    const emailAddresses = patch.emailAddresses ?? current.emailAddresses;
    const keys = this.keysOrFail(phoneNumbers, emailAddresses);
    await this.customers.update(orgId, id, {
      ...this.columns({ ...current, ...patch, phoneNumbers, emailAddresses } as CreateCustomerDto),
      ...keys,
    });
    return this.findOne(orgId, id);
  }

  /** Customers that are the person an erasure names: by E.164 number, e-mail (lower-case) or external id. */
  async findForErasure(
    orgId: string,
    criteria: { phoneNumber?: string; email?: string; externalId?: string },
  ): Promise<string[]> {
    const rows = (await this.database.transaction((manager) =>
      manager.query(
        `SELECT id FROM crm_customers WHERE org_id = $1
            AND (($2::text IS NOT NULL AND phones_e164 @> ARRAY[$2::text])
              OR ($3::text IS NOT NULL AND emails @> ARRAY[$3::text])
              OR external_id = $4)`,
        [orgId, criteria.phoneNumber ?? null, criteria.email ?? null, criteria.externalId ?? null],
      ),
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  /** Removes customers (their opportunities go with them), unlinking their calls, in the caller's transaction. */
  async erase(manager: EntityManager, orgId: string, ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    await manager.query(
      `UPDATE records SET crm_customer_id = NULL, crm_matching_source = NULL WHERE org_id = $1 AND crm_customer_id = ANY($2::text[])`,
      [orgId, ids],
    );
    const result = (await manager.query(
      `DELETE FROM crm_customers WHERE org_id = $1 AND id = ANY($2::text[])`,
      [orgId, ids],
    )) as [unknown, number];
    return result[1];
  }

  async remove(orgId: string, id: string, manager?: EntityManager): Promise<void> {
    if (!(await this.customers.delete(orgId, id, manager))) throw notFound('CRM customer');
  }

  /**
   * Upserts customers by externalId from a JSON array or CSV text (columns: name, customerType, externalId,
   * phoneNumbers and emailAddresses separated by `;`, crmUrl, integrationName). All or nothing: a file with bad rows
   * imports none of them, and the 400 lists every bad row by number, so a corrected file can simply be sent again.
   */
  async import(orgId: string, body: unknown): Promise<{ created: number; updated: number; total: number }> {
    const rows = typeof body === 'string' ? this.csvRows(body) : body;
    if (!Array.isArray(rows) || rows.length === 0)
      throw validationFailed('Send a JSON array of customers or CSV text with a header row');
    if (rows.length > MAX_IMPORT_ROWS)
      throw validationFailed(
        `An import carries at most ${MAX_IMPORT_ROWS} customers (this one has ${rows.length})`,
      );
    const details: ErrorDetail[] = [];
    const valid: Array<CreateCustomerDto & ReturnType<typeof matchKeysOf>> = [];
    const seen = new Set<string>();
    for (const [index, row] of rows.entries()) {
      const line = typeof body === 'string' ? index + 2 : index; // CSV: counted as in the file, after its header
      const where = typeof body === 'string' ? `row ${line}` : `${line}`;
      const dto = plainToInstance(CreateCustomerDto, row ?? {});
      const errors =
        typeof row === 'object' && row !== null
          ? await validate(dto, { whitelist: true, forbidNonWhitelisted: true })
          : [];
      if (typeof row !== 'object' || row === null)
        details.push({ field: where, message: 'must be an object' });
      for (const error of errors)
        details.push({
          field: `${where}.${error.property}`,
          message: Object.values(error.constraints ?? {}).join('; '),
        });
      if (errors.length > 0 || typeof row !== 'object' || row === null) continue;
      if (seen.has(dto.externalId))
        details.push({
          field: `${where}.externalId`,
          message: `"${dto.externalId}" appears twice in the import`,
        });
      seen.add(dto.externalId);
      try {
        valid.push({ ...dto, ...matchKeysOf(dto.phoneNumbers, dto.emailAddresses) });
      } catch (error) {
        if (!(error instanceof UnreadablePhone)) throw error;
        details.push(unreadable(`${where}.phoneNumbers`, error));
      }
      if (details.length >= 100) break;
    }
    if (details.length > 0)
      throw validationFailed(
        `Nothing was imported: ${details.length} row(s) need fixing (first 100 listed)`,
        details,
      );
    return this.database.transaction(async (manager) => {
      let created = 0;
      for (let i = 0; i < valid.length; i += 500) {
        const chunk = valid.slice(i, i + 500);
        const result = (await manager.query(
          `INSERT INTO crm_customers (id, org_id, name, customer_type, external_id, phone_numbers, email_addresses,
                                      phones_e164, phones_national, emails, crm_url, integration_name)
           SELECT u.id, u.org_id, u.name, u.customer_type, u.external_id, u.phone_numbers, u.email_addresses,
                  ARRAY(SELECT jsonb_array_elements_text(u.e164)), ARRAY(SELECT jsonb_array_elements_text(u.national)),
                  ARRAY(SELECT jsonb_array_elements_text(u.emails)), u.crm_url, u.integration_name
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[],
                         $8::jsonb[], $9::jsonb[], $10::jsonb[], $11::text[], $12::text[])
                  AS u(id, org_id, name, customer_type, external_id, phone_numbers, email_addresses,
                       e164, national, emails, crm_url, integration_name)
           ON CONFLICT (org_id, external_id) DO UPDATE SET
             name = EXCLUDED.name, customer_type = EXCLUDED.customer_type, phone_numbers = EXCLUDED.phone_numbers,
             email_addresses = EXCLUDED.email_addresses, phones_e164 = EXCLUDED.phones_e164,
             phones_national = EXCLUDED.phones_national, emails = EXCLUDED.emails, crm_url = EXCLUDED.crm_url,
             integration_name = EXCLUDED.integration_name, updated_at = now()
           RETURNING (xmax = 0) AS inserted`,
          [
            chunk.map(() => newId('crm')),
            chunk.map(() => orgId),
            chunk.map((c) => c.name),
            chunk.map((c) => c.customerType),
            chunk.map((c) => c.externalId),
            chunk.map((c) => JSON.stringify(c.phoneNumbers ?? [])),
            chunk.map((c) => JSON.stringify(c.emailAddresses ?? [])),
            chunk.map((c) => JSON.stringify(c.phonesE164)),
            chunk.map((c) => JSON.stringify(c.phonesNational)),
            chunk.map((c) => JSON.stringify(c.emails)),
            chunk.map((c) => c.crmUrl ?? null),
            chunk.map((c) => c.integrationName ?? null),
          ],
        )) as Array<{ inserted: boolean }>;
        created += result.filter((row) => row.inserted).length;
      }
      return { created, updated: valid.length - created, total: valid.length };
    });
  }

  private csvRows(text: string): Array<Record<string, unknown>> {
    let records: Array<Record<string, string>>;
    try {
      records = parse(text, {
        columns: true,
        skip_empty_lines: true,
        trim: true,
        bom: true,
        relax_column_count: false,
      });
    } catch (error) {
      throw validationFailed(`The CSV cannot be read: ${(error as Error).message}`);
    }
    const list = (value: string | undefined) =>
      value
        ? value
            .split(';')
            .map((item) => item.trim())
            .filter(Boolean)
        : undefined;
    return records.map((record) => ({
      name: record.name,
      customerType: record.customerType,
      externalId: record.externalId,
      phoneNumbers: list(record.phoneNumbers),
      emailAddresses: list(record.emailAddresses),
      ...(record.crmUrl ? { crmUrl: record.crmUrl } : {}),
      ...(record.integrationName ? { integrationName: record.integrationName } : {}),
    }));
  }

  private keysOrFail(phoneNumbers?: string[], emailAddresses?: string[]) {
    try {
      return matchKeysOf(phoneNumbers, emailAddresses);
    } catch (error) {
      if (error instanceof UnreadablePhone)
        throw validationFailed(error.message, [unreadable('phoneNumbers', error)]);
      throw error;
    }
  }

  private columns(input: CreateCustomerDto) {
    return {
      name: input.name,
      customerType: input.customerType,
      externalId: input.externalId,
      phoneNumbers: input.phoneNumbers ?? [],
      emailAddresses: input.emailAddresses ?? [],
      crmUrl: input.crmUrl ?? null,
      integrationName: input.integrationName ?? null,
    };
  }
}
