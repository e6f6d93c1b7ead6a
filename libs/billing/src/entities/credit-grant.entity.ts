import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@app/database';
import { numberColumn } from './numeric.transformer';

/** Prepaid credit: usage draws it down before anything is charged, until it runs out or expires. */
@Entity('credit_grants')
@Index('credit_grants_org_expires_idx', ['orgId', 'expiresAt'])
export class CreditGrant extends TenantEntity {
  @Column('bigint', { transformer: numberColumn })
  amountCents: number;

  @Column('bigint', { transformer: numberColumn })
  remainingCents: number;

  @Column('timestamptz')
  expiresAt: Date;

  /** User who granted it. */
  @Column('text', { nullable: true })
  createdBy: string | null;
}
