import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A high-entropy opaque token (refresh tokens, invite tokens, client secrets): 32 random bytes, base64url. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** Tokens are stored only as their SHA-256: enough for 256-bit random values, unlike for passwords. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export const constantTimeEqual = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};
