import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { unstorableInput, validationExceptionFactory, validationFailed } from '@app/core';
import { metadataInvalid } from '../records.errors';
import { UPLOAD_DETAIL_KEYS, UploadDetailsDto } from './record-details.dto';

/** Largest `metadata` JSON an upload may carry. */
export const MAX_METADATA_BYTES = 16 * 1024;

/**
 * Validates upload details given as a JSON string (multipart, tus) or an object (two-step, ingest). Known keys are
 * checked; unknown keys are kept in `metadata` as api.md says. A bad one is a 400 naming `metadata.<field>`.
 */
export async function parseUploadDetails(raw: unknown, field = 'metadata'): Promise<UploadDetailsDto> {
  let value = raw;
  if (value === undefined || value === null || value === '') return new UploadDetailsDto();
  if (typeof value === 'string') {
    if (Buffer.byteLength(value) > MAX_METADATA_BYTES)
      throw metadataInvalid(field, `${field} must be at most ${MAX_METADATA_BYTES} bytes`);
    try {
      value = JSON.parse(value);
    } catch {
      throw metadataInvalid(field, `${field} must be a JSON object`);
    }
  } else if (Buffer.byteLength(JSON.stringify(value)) > MAX_METADATA_BYTES) {
    throw metadataInvalid(field, `${field} must be at most ${MAX_METADATA_BYTES} bytes`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw metadataInvalid(field, `${field} must be a JSON object`);
  const unstorable = unstorableInput(value, field);
  if (unstorable) throw metadataInvalid(field, unstorable);
  const input = value as Record<string, unknown>;
  const known = Object.fromEntries(Object.entries(input).filter(([key]) => UPLOAD_DETAIL_KEYS.has(key)));
  const extra = Object.fromEntries(Object.entries(input).filter(([key]) => !UPLOAD_DETAIL_KEYS.has(key)));
  const details = plainToInstance(UploadDetailsDto, known);
  const errors = await validate(details, { whitelist: true, forbidNonWhitelisted: false });
  if (errors.length > 0) {
    const error = validationExceptionFactory(errors);
    const renamed = error.details.map((detail) => ({
      ...detail,
      field: `${field}.${detail.field}`,
      message: `${field}.${detail.message}`,
    }));
    throw validationFailed(renamed[0].message, renamed);
  }
  details.metadata = { ...extra, ...(details.metadata ?? {}) };
  return details;
}
