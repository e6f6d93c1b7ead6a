import { AppError } from '@app/core';
import { parseUploadDetails } from './parse-upload-details';

const failure = async (raw: unknown) => {
  try {
    await parseUploadDetails(raw);
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a validation failure');
};

describe('parseUploadDetails', () => {
  it('reads known fields and keeps unknown keys in metadata', async () => {
    const details = await parseUploadDetails(
      JSON.stringify({
        title: 'Call',
        direction: 'IN',
        crmId: 'c-1',
        metadata: { queue: 'billing' },
        tags: ['a'],
      }),
    );
    expect(details).toMatchObject({ title: 'Call', direction: 'IN', tags: ['a'] });
    expect(details.metadata).toEqual({ crmId: 'c-1', queue: 'billing' });
  });

  it('treats a missing value as no details', async () => {
    expect(await parseUploadDetails(undefined)).toEqual({});
    expect(await parseUploadDetails('')).toEqual({});
  });

  it.each([
    ['{not json', 'metadata'],
    ['[1,2]', 'metadata'],
    ['"text"', 'metadata'],
    [JSON.stringify({ direction: 'UP' }), 'metadata.direction'],
    [JSON.stringify({ from: { phoneNumber: 'call me' } }), 'metadata.from.phoneNumber'],
    [JSON.stringify({ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }), 'metadata.tags'],
    [JSON.stringify({ filler: 'x'.repeat(17 * 1024) }), 'metadata'],
  ])('refuses %s naming %s', async (raw, field) => {
    const error = await failure(raw);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details[0].field).toBe(field);
  });
});
