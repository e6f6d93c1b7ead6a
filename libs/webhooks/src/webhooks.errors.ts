import { conflict, notFound, validationFailed } from '@app/core';

export const webhookNotFound = () => notFound('Webhook');
export const deliveryNotFound = () => notFound('Delivery');
export const tooManyEndpoints = (limit: number) =>
  conflict(`The organisation already has the maximum of ${limit} webhook endpoints`);
export const emptyUpdate = () => validationFailed('Nothing to update: send at least one field');
