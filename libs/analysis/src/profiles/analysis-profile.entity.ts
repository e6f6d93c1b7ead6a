import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@app/database';
import type { ColorBand, ProfileCriterion, ProfileSection } from '../scorecard/profile';

/** A scorecard of an organisation; exactly one per organisation is its default. */
@Entity('analysis_profiles')
export class AnalysisProfileEntity extends TenantEntity {
  @Column('text')
  name: string;

  /** Criteria outside any section (all of them in a profile without sections). */
  @Column('jsonb')
  criteria: ProfileCriterion[];

  @Column('jsonb', { default: [] })
  sections: ProfileSection[];

  /** Colour bands of the 0-100 score; the default bands when null. */
  @Column('jsonb', { nullable: true })
  colors: ColorBand[] | null;

  /** Raised by every edit; each version's definition is kept in analysis_profile_versions. */
  @Column('integer', { default: 1 })
  version: number;

  @Column('boolean', { default: false })
  isDefault: boolean;
}
