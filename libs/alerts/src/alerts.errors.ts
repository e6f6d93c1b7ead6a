import { conflict, ErrorDetail, notFound, validationFailed } from '@app/core';

export const alertNotFound = () => notFound('Alert rule');
export const invalidCondition = (problems: ErrorDetail[]) => validationFailed(problems[0].message, problems);
export const invalidAlertField = (field: string, message: string) =>
  validationFailed(`${field} ${message}`, [{ field, message: `${field} ${message}` }]);
export const tooManyRules = (limit: number) =>
  conflict(`The organisation already has ${limit} alert rules; delete one first`);
