import { AppError, conflict, notFound, validationFailed } from '@app/core';

export const recordNotFound = () => notFound('Record');
export const projectNotFound = () => notFound('Project');
export const tagNotFound = () => notFound('Tag');
export const noteNotFound = () => notFound('Note');
export const uploadNotFound = () => notFound('Upload');

export const unsupportedMedia = (message: string) => new AppError('UNSUPPORTED_MEDIA', message);
export const payloadTooLarge = (limitBytes: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the limit of ${limitBytes} bytes`, [
    { field: 'file', message: `at most ${limitBytes} bytes`, limitBytes },
  ]);
export const projectHasRecords = (count: number) =>
  conflict(`The project still has ${count} record(s); delete them first or pass force=true`);
export const metadataInvalid = (field: string, message: string) =>
  validationFailed(message, [{ field, message }]);
export const rangeNotSatisfiable = (sizeBytes: number) =>
  new AppError(
    'VALIDATION_FAILED',
    'Range not satisfiable',
    [],
    { 'Content-Range': `bytes */${sizeBytes}` },
    416,
  );
