import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@app/database';

export const RESCORE_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type RescoreStatus = (typeof RESCORE_STATUSES)[number];

/** A background re-score of a profile's past calls (POST /analysis-profiles/:id/rescore), with its progress. */
@Entity('analysis_profile_rescores')
export class ProfileRescoreEntity extends TenantEntity {
  @Column('text')
  profileId: string;

  /** The profile version the calls are re-scored with (the newest when it was asked for). */
  @Column('integer')
  profileVersion: number;

  @Column('text', { nullable: true })
  projectId: string | null;

  @Column('timestamptz')
  windowFrom: Date;

  @Column('timestamptz')
  windowTo: Date;

  @Column('text')
  status: RescoreStatus;

  @Column('integer')
  total: number;

  @Column('integer', { default: 0 })
  processed: number;

  /** The last record re-scored (records are taken in id order): where a retried or continued batch resumes. */
  @Column('text', { nullable: true })
  cursor: string | null;

  @Column('text', { nullable: true })
  error: string | null;

  @Column('text', { nullable: true })
  requestedBy: string | null;

  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;
}
