import { conflict, notFound } from '@app/core';

export const analysisNotFound = () => notFound('Analysis');
export const profileNotFound = () => notFound('Analysis profile');
export const defaultProfileUndeletable = () => conflict('The default analysis profile cannot be deleted');
export const analysisVersionTaken = (recordId: string, version: number) =>
  conflict(`Version ${version} of record ${recordId} already has an analysis`);
