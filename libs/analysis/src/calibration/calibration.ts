import type { ReviewedCriterion } from '../reviews/review.entity';
import type { CriterionResult } from '../scorecard/scorecard';

/** A current (newest) review beside the automated answers of the analysis it reviewed. */
export interface ReviewedAnalysis {
  analysisId: string;
  recordId: string;
  reviewerId: string;
  automated: CriterionResult[];
  reviewed: ReviewedCriterion[];
}

export interface Disagreement {
  analysisId: string;
  recordId: string;
  reviewerId: string;
  automated: boolean;
  reviewer: boolean;
  /** What the automation said in full (met, not_met, not_applicable, not_evaluated). */
  automatedResult?: string;
}

export interface Agreement {
  count: number;
  agreed: number;
  /** Percent (0-100, one decimal) of the answers on which the reviewer and the automation agree; null with none. */
  agreement: number | null;
}

export interface CriterionCalibration extends Agreement {
  id: string;
  description: string;
  disagreements: Disagreement[];
}

export interface Calibration {
  reviews: number;
  overall: Agreement;
  criteria: CriterionCalibration[];
  reviewers: Array<Agreement & { reviewerId: string }>;
}

/** The calls listed per criterion where reviewer and automation disagree; the counts cover them all. */
export const MAX_DISAGREEMENTS_LISTED = 50;

const agreementOf = (count: number, agreed: number): Agreement => ({
  count,
  agreed,
  agreement: count > 0 ? Math.round((1000 * agreed) / count) / 10 : null,
});

/**
 * How often supervisors' answers agree with the automated ones, per criterion and per reviewer: every criterion a
 * current review answered is compared with the automation's `passed` (a criterion that did not apply counts as
 * passed, as the API shows it). Criteria the review left unanswered are not compared.
 */
export function calibrate(rows: ReviewedAnalysis[]): Calibration {
  const criteria = new Map<string, CriterionCalibration>();
  const reviewers = new Map<string, { count: number; agreed: number }>();
  let count = 0;
  let agreed = 0;
  for (const row of rows) {
    const automated = new Map(row.automated.map((criterion) => [criterion.id, criterion]));
    for (const answer of row.reviewed) {
      const machine = automated.get(answer.id);
      if (!machine) continue;
      const same = machine.passed === answer.passed;
      const entry =
        criteria.get(answer.id) ??
        ({
          id: answer.id,
          description: machine.description,
          count: 0,
          agreed: 0,
          agreement: null,
          disagreements: [],
        } as CriterionCalibration);
      entry.count++;
      if (same) entry.agreed++;
      else if (entry.disagreements.length < MAX_DISAGREEMENTS_LISTED)
        entry.disagreements.push({
          analysisId: row.analysisId,
          recordId: row.recordId,
          reviewerId: row.reviewerId,
          automated: machine.passed,
          reviewer: answer.passed,
          ...(machine.result ? { automatedResult: machine.result } : {}),
        });
      criteria.set(answer.id, entry);
      const reviewer = reviewers.get(row.reviewerId) ?? { count: 0, agreed: 0 };
      reviewer.count++;
      if (same) reviewer.agreed++;
      reviewers.set(row.reviewerId, reviewer);
      count++;
      if (same) agreed++;
    }
  }
  return {
    reviews: rows.length,
    overall: agreementOf(count, agreed),
    criteria: [...criteria.values()]
      .map((entry) => ({ ...entry, ...agreementOf(entry.count, entry.agreed) }))
      .sort((a, b) => (a.agreement ?? 101) - (b.agreement ?? 101) || a.id.localeCompare(b.id)),
    reviewers: [...reviewers.entries()]
      .map(([reviewerId, entry]) => ({ reviewerId, ...agreementOf(entry.count, entry.agreed) }))
      .sort((a, b) => a.reviewerId.localeCompare(b.reviewerId)),
  };
}
