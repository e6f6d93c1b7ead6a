import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { ScorecardProfile } from '../scorecard/profile';

/** One version of a profile, as it was when that version was made: what an evaluation of that version used. */
@Entity('analysis_profile_versions')
export class AnalysisProfileVersionEntity {
  @PrimaryColumn('text')
  profileId: string;

  @PrimaryColumn('integer')
  version: number;

  @Column('text')
  orgId: string;

  @Column('jsonb')
  definition: ScorecardProfile;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
