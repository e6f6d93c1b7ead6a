import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { validationFailed } from '@app/core';
import type { ReviewedCriterion } from '../reviews/review.entity';
import type { CriterionResult } from '../scorecard/scorecard';
import { calibrate, type Calibration } from './calibration';

/** More current reviews than this in one window is a request to narrow it, not to compute. */
export const MAX_CALIBRATION_REVIEWS = 20_000;

/** Agreement between supervisors' reviews and the automation, for one profile's analyses. */
@Injectable()
export class CalibrationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The current review of each analysis made with the profile, reviewed within [from, to]. */
  async forProfile(
    orgId: string,
    profileId: string,
    window: { from?: Date; to?: Date },
  ): Promise<Calibration> {
    const rows: Array<{
      analysis_id: string;
      record_id: string;
      reviewer_id: string;
      automated: CriterionResult[];
      reviewed: ReviewedCriterion[];
    }> = await this.dataSource.query(
      `SELECT DISTINCT ON (review.analysis_id)
              review.analysis_id, analysis.record_id, review.reviewer_id,
              analysis.criteria AS automated, review.criteria AS reviewed, review.created_at
         FROM analysis_reviews review
         JOIN analyses analysis ON analysis.id = review.analysis_id AND analysis.org_id = review.org_id
        WHERE review.org_id = $1 AND analysis.profile_id = $2
          AND ($3::timestamptz IS NULL OR review.created_at >= $3)
          AND ($4::timestamptz IS NULL OR review.created_at <= $4)
        ORDER BY review.analysis_id, review.created_at DESC, review.id DESC
        LIMIT ${MAX_CALIBRATION_REVIEWS + 1}`,
      [orgId, profileId, window.from ?? null, window.to ?? null],
    );
    if (rows.length > MAX_CALIBRATION_REVIEWS)
      throw validationFailed(`More than ${MAX_CALIBRATION_REVIEWS} reviews in this window: narrow from/to`, [
        { field: 'from', message: 'narrow the window' },
      ]);
    return calibrate(
      rows.map((row) => ({
        analysisId: row.analysis_id,
        recordId: row.record_id,
        reviewerId: row.reviewer_id,
        automated: row.automated,
        reviewed: row.reviewed,
      })),
    );
  }
}
