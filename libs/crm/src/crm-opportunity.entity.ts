import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@app/database';

export const DISPOSITIONS = ['OPEN', 'WON', 'LOST'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

const numeric = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? null : Number(value)),
};

/** A deal of a CRM customer. */
@Entity('crm_opportunities')
export class CrmOpportunityEntity extends TenantEntity {
  @Column('text')
  customerId: string;

  @Column('text')
  externalId: string;

  @Column('text')
  name: string;

  @Column('numeric', { nullable: true, transformer: numeric })
  amount: number | null;

  @Column('text')
  disposition: Disposition;

  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;
}
