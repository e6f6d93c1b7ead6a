import { AppError } from '@app/core';
import { checkReviewedCriteria } from './review-criteria';

const ANALYSIS = [{ id: 'greeting' }, { id: 'disclosure' }, { id: 'closing' }];

const failure = (reviewed: Array<{ id: string }>) => {
  try {
    checkReviewedCriteria(ANALYSIS, reviewed);
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a validation error');
};

describe('checkReviewedCriteria', () => {
  it('accepts no criteria, some, or all of the analysis in any order', () => {
    expect(() => checkReviewedCriteria(ANALYSIS, [])).not.toThrow();
    expect(() => checkReviewedCriteria(ANALYSIS, [{ id: 'closing' }, { id: 'greeting' }])).not.toThrow();
  });

  it('names the index of the first criterion the analysis does not have', () => {
    const error = failure([{ id: 'greeting' }, { id: 'empathy' }, { id: 'other' }]);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('criteria[1].id is not a criterion of this analysis');
    expect(error.details).toEqual([
      { field: 'criteria[1].id', message: 'is not a criterion of this analysis' },
    ]);
  });

  it('refuses the same criterion twice, naming the repeat', () => {
    const error = failure([{ id: 'closing' }, { id: 'greeting' }, { id: 'closing' }]);
    expect(error.details[0].field).toBe('criteria[2].id');
  });

  it('matches ids exactly (ids are identifiers, not phrases)', () => {
    expect(failure([{ id: 'Greeting' }]).details[0].field).toBe('criteria[0].id');
  });
});
