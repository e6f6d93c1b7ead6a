import { validationFailed } from '@app/core';

/**
 * A review may judge only criteria the analysis has, each once; the error names the first bad index so a client
 * can point at the row of its form.
 */
export function checkReviewedCriteria(
  analysisCriteria: ReadonlyArray<{ id: string }>,
  reviewed: ReadonlyArray<{ id: string }>,
): void {
  const known = new Set(analysisCriteria.map((criterion) => criterion.id));
  const seen = new Set<string>();
  reviewed.forEach((criterion, index) => {
    const field = `criteria[${index}].id`;
    if (!known.has(criterion.id))
      throw validationFailed(`${field} is not a criterion of this analysis`, [
        { field, message: 'is not a criterion of this analysis' },
      ]);
    if (seen.has(criterion.id))
      throw validationFailed(`${field} repeats an earlier criterion`, [
        { field, message: 'repeats an earlier criterion' },
      ]);
    seen.add(criterion.id);
  });
}
