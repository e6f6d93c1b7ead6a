import { createSecretKey, KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { AppConfig, isIdOf, Role, ROLES, Scope, SCOPES, unauthenticated } from '@app/core';
import { JWT_SIGNING_KEY } from './jwt-secret';

/** The claims Parley puts in an access token; `role` for users, `scope` (space-separated) for service clients. */
export type AccessClaims =
  | { sub: string; org: string; role: Role; kind: 'user' }
  | { sub: string; org: string; scopes: Scope[]; kind: 'client' };

/** Exactly one algorithm: a token naming any other (none, RS256 with our secret as "public key") is refused. */
const ALGORITHM = 'HS256' as const;

@Injectable()
export class AccessTokensService {
  /**
   * A KeyObject made once: handed a string, jsonwebtoken first tries it as a PEM public key on every call (and
   * fails, expensively), which was the largest single cost of an authenticated request.
   */
  private readonly key: KeyObject;

  constructor(
    private readonly config: AppConfig,
    @Inject(JWT_SIGNING_KEY) secret: string,
  ) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  get lifetimeSeconds(): number {
    return this.config.ACCESS_TOKEN_TTL_SECONDS;
  }

  issueForUser(userId: string, orgId: string, role: Role): string {
    return this.sign({ sub: userId, org: orgId, role });
  }

  issueForClient(clientId: string, orgId: string, scopes: Scope[]): string {
    return this.sign({ sub: clientId, org: orgId, scope: scopes.join(' ') });
  }

  /** Verifies signature, algorithm, iss, aud and exp, then the shape of the claims; any failure is a 401. */
  verify(token: string): AccessClaims {
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
      });
    } catch {
      throw unauthenticated('Invalid or expired access token');
    }
    // jwt.verify checks exp only when the token has one: a token without an expiry is refused here.
    if (
      typeof payload !== 'object' ||
      typeof payload.exp !== 'number' ||
      typeof payload.org !== 'string' ||
      !isIdOf('org', payload.org)
    )
      throw unauthenticated('Invalid or expired access token');
    const { sub, org } = payload;
    if (isIdOf('usr', sub) && ROLES.includes(payload.role as Role))
      return { kind: 'user', sub, org, role: payload.role as Role };
    if (isIdOf('cli', sub) && typeof payload.scope === 'string') {
      const scopes = payload.scope.split(' ').filter((scope) => scope !== '');
      if (scopes.every((scope) => SCOPES.includes(scope as Scope)))
        return { kind: 'client', sub, org, scopes: scopes as Scope[] };
    }
    throw unauthenticated('Invalid or expired access token');
  }

  private sign(claims: Record<string, string>): string {
    return jwt.sign(claims, this.key, {
      algorithm: ALGORITHM,
      issuer: this.config.JWT_ISSUER,
      audience: this.config.JWT_AUDIENCE,
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
    });
  }
}
