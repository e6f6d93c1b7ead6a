import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { conflict, newId } from '@app/core';
import { TenantRepository } from '@app/database';
import { analysisGoneMeanwhile } from '../analyses/analysis-gone';
import type { AnalysisEntity } from '../analyses/analysis.entity';
import type { CreateReviewDto } from './dto/create-review.dto';
import { checkReviewedCriteria } from './review-criteria';
import { ReviewEntity } from './review.entity';

/** Reviews of one analysis kept as history; more than this many is not a review process but a loop. */
export const MAX_REVIEWS_PER_ANALYSIS = 100;

export const presentReview = (review: ReviewEntity) => ({
  id: review.id,
  analysisId: review.analysisId,
  reviewerId: review.reviewerId,
  score: review.score,
  criteria: review.criteria,
  comment: review.comment,
  createdAt: review.createdAt.toISOString(),
});

@Injectable()
export class ReviewsRepository extends TenantRepository<ReviewEntity> {
  constructor(@InjectRepository(ReviewEntity) repository: Repository<ReviewEntity>) {
    super(repository);
  }
}

/** QA reviews: each new review becomes the current one; the earlier ones stay as its history. */
@Injectable()
export class ReviewsService {
  constructor(private readonly reviews: ReviewsRepository) {}

  async create(analysis: AnalysisEntity, reviewerId: string, input: CreateReviewDto): Promise<ReviewEntity> {
    checkReviewedCriteria(analysis.criteria, input.criteria ?? []);
    if ((await this.reviews.count(analysis.orgId, { analysisId: analysis.id })) >= MAX_REVIEWS_PER_ANALYSIS)
      throw conflict(`An analysis keeps at most ${MAX_REVIEWS_PER_ANALYSIS} reviews`);
    return this.reviews
      .insert(analysis.orgId, {
        id: newId('rev'),
        analysisId: analysis.id,
        reviewerId,
        score: input.score,
        criteria: (input.criteria ?? []).map((criterion) => ({
          id: criterion.id,
          passed: criterion.passed,
          ...(criterion.comment !== undefined ? { comment: criterion.comment } : {}),
        })),
        comment: input.comment,
      })
      .catch(analysisGoneMeanwhile);
  }

  /** The current review (newest) and the ones it replaced, newest first. */
  async history(
    orgId: string,
    analysisId: string,
  ): Promise<{ current: ReviewEntity | null; history: ReviewEntity[] }> {
    const all = await this.reviews.findBy(
      orgId,
      { analysisId },
      { order: { createdAt: 'DESC', id: 'DESC' } },
    );
    const [current = null, ...history] = all;
    return { current, history };
  }
}
