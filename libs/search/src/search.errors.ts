import { validationFailed } from '@app/core';

export const searchRangeInverted = () =>
  validationFailed('from must not be after to', [{ field: 'from', message: 'must not be after to' }]);

export const searchWindowTooDeep = (maximum: number) =>
  validationFailed(`page * limit must not exceed ${maximum}; narrow the search instead`, [
    { field: 'page', message: `page * limit must not exceed ${maximum}` },
  ]);

export const searchTooSlow = () =>
  validationFailed('The search took too long; use rarer words, a phrase or filters', [
    { field: 'q', message: 'too broad' },
  ]);
