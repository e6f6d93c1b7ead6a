import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@app/database';

export const CUSTOMER_TYPES = ['ACCOUNT', 'LEAD', 'CONTACT'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];
export const MATCHING_SOURCES = ['DIRECT', 'FUZZY', 'NOT_FOUND', 'MANUAL'] as const;
export type MatchingSource = (typeof MATCHING_SOURCES)[number];

/** A customer of the organisation's CRM, upserted by its `externalId`. */
@Entity('crm_customers')
export class CrmCustomerEntity extends TenantEntity {
  @Column('text')
  name: string;

  @Column('text')
  customerType: CustomerType;

  @Column('text')
  externalId: string;

  /** As given. */
  @Column('jsonb', { default: [] })
  phoneNumbers: string[];

  @Column('jsonb', { default: [] })
  emailAddresses: string[];

  /** The numbers in E.164, for DIRECT matching (GIN index). */
  @Column('text', { array: true, default: '{}' })
  phonesE164: string[];

  /** Their national significant numbers, for FUZZY matching. */
  @Column('text', { array: true, default: '{}' })
  phonesNational: string[];

  /** Lower-case e-mail addresses. */
  @Column('text', { array: true, default: '{}' })
  emails: string[];

  @Column('text', { nullable: true })
  crmUrl: string | null;

  @Column('text', { nullable: true })
  integrationName: string | null;
}
