import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@app/database';
import type { ProfileCriterion } from '../scorecard/profile';

/** A scorecard of an organisation; exactly one per organisation is its default. */
@Entity('analysis_profiles')
export class AnalysisProfileEntity extends TenantEntity {
  @Column('text')
  name: string;

  @Column('jsonb')
  criteria: ProfileCriterion[];

  @Column('boolean', { default: false })
  isDefault: boolean;
}
