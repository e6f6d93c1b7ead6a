import { notFound } from '@app/core';

export const followupNotFound = () => notFound('Follow-up');
