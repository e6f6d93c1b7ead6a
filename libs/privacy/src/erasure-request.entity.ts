import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@app/database';

export const ERASURE_STATUSES = ['pending', 'running', 'completed', 'failed'] as const;
export type ErasureStatus = (typeof ERASURE_STATUSES)[number];

/** Who to erase: any of these identifies the person (the phone number in E.164, the e-mail lower-case). */
export interface ErasureCriteria {
  phoneNumber?: string;
  email?: string;
  contactId?: string;
  externalId?: string;
}

export interface ErasureMatches {
  records: number;
  transcribes: number;
  contacts: number;
  crmCustomers: number;
  /** Records that matched but are under legal hold: kept, and named here so someone can act. */
  heldRecords: string[];
}

@Entity('erasure_requests')
export class ErasureRequestEntity extends TenantEntity {
  @Column('text')
  status: ErasureStatus;

  @Column('jsonb')
  criteria: ErasureCriteria;

  @Column('jsonb', { default: {} })
  matched: Partial<ErasureMatches>;

  @Column('text', { nullable: true })
  requestedBy: string | null;

  @Column('text', { nullable: true })
  error: string | null;

  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;
}
