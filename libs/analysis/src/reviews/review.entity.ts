import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@app/database';

export interface ReviewedCriterion {
  id: string;
  passed: boolean;
  comment?: string;
}

/** One QA review of an analysis; the newest is the current one, earlier ones are its history. */
@Entity('analysis_reviews')
export class ReviewEntity extends TenantEntity {
  @Column('text')
  analysisId: string;

  @Column('text')
  reviewerId: string;

  @Column('integer')
  score: number;

  @Column('jsonb')
  criteria: ReviewedCriterion[];

  @Column('text')
  comment: string;
}
