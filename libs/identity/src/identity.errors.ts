import { AppError, unauthenticated } from '@app/core';

export const invalidCredentials = () => unauthenticated('Invalid email or password');
export const invalidRefreshToken = () => unauthenticated('Invalid or expired refresh token');
export const signupDisabled = () => new AppError('FORBIDDEN', 'Sign-up is disabled on this installation');
const rateLimited = (message: string, retryAfterSeconds: number) =>
  new AppError('RATE_LIMITED', message, [], { 'Retry-After': String(retryAfterSeconds) });
export const tooManyLogins = (retryAfterSeconds: number) =>
  rateLimited('Too many failed logins; try again later', retryAfterSeconds);
export const tooManySignups = (retryAfterSeconds: number) =>
  rateLimited('Too many sign-ups from this address; try again later', retryAfterSeconds);
export const lastOwner = () =>
  new AppError('CONFLICT', 'An organisation keeps at least one owner: promote another member first');
export const limitReached = (what: string, limit: number) =>
  new AppError('CONFLICT', `An organisation has at most ${limit} ${what}; remove some first`);
export const invalidInvite = () => new AppError('NOT_FOUND', 'Invite not found, already used or expired');

/** RFC 6749 §5.2 error of the token endpoint; answered in that form, not in the Parley envelope. */
export class OAuthError extends Error {
  constructor(
    readonly error:
      'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type' | 'invalid_scope',
    readonly description: string,
    readonly status = 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
    this.name = 'OAuthError';
  }
}
