import { AppError, conflict, notFound, validationFailed } from '@app/core';
import { centsToAmount } from './money';

export const budgetExceeded = (period: string, budgetLimitCents: number, chargedCents: number) =>
  new AppError(
    'BUDGET_EXCEEDED',
    `The organisation has reached its budget for ${period}; raise the budget or wait for the next period`,
    [
      {
        message: 'budget reached',
        period,
        budgetLimit: centsToAmount(budgetLimitCents),
        spent: centsToAmount(chargedCents),
      },
    ],
  );

/** Another organisation's id answers like an unknown one (api.md). */
export const organizationNotFound = () => notFound('Organization');

export const invalidUsage = (message: string) => validationFailed(`Invalid usage: ${message}`);

export const invalidRange = (message: string, field: string) =>
  validationFailed(message, [{ field, message }]);

export const tooManyCreditGrants = (limit: number) =>
  conflict(`An organisation holds at most ${limit} usable credit grants; let some run out or expire first`);
