import type { Request } from 'express';
import { OAuthError } from '@app/identity';

interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  viaBasic: boolean;
}

const invalidRequest = (description: string) => new OAuthError('invalid_request', description);

/** Form parameters are single strings; a repeated or non-string one is malformed (RFC 6749 §3.1). */
function param(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidRequest(`${name} must be given once, as a string`);
  return value;
}

function basicCredentials(header: string): ClientCredentials {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon < 0)
    throw new OAuthError('invalid_client', 'Malformed Basic credentials', 401, {
      'WWW-Authenticate': 'Basic realm="parley"',
    });
  // RFC 6749 §2.3.1: id and secret are form-urlencoded before being joined.
  const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
  try {
    return {
      clientId: decode(decoded.slice(0, colon)),
      clientSecret: decode(decoded.slice(colon + 1)),
      viaBasic: true,
    };
  } catch {
    throw new OAuthError('invalid_client', 'Malformed Basic credentials', 401, {
      'WWW-Authenticate': 'Basic realm="parley"',
    });
  }
}

/**
 * The parameters of a client credentials grant (RFC 6749 §4.4) from a token request: form-encoded or JSON, the
 * client authenticated by HTTP Basic or by body parameters (one method per request). Every OAuth token endpoint of
 * Parley reads requests through this.
 */
export function readClientCredentialsGrant(
  request: Request,
  authorization: string | undefined,
): ClientCredentials & { scope?: string } {
  if (!request.is(['application/x-www-form-urlencoded', 'application/json']))
    throw invalidRequest('Send the parameters as application/x-www-form-urlencoded or application/json');
  const body = (request.body ?? {}) as Record<string, unknown>;
  const grantType = param(body, 'grant_type');
  if (!grantType) throw invalidRequest('grant_type is required');
  if (grantType !== 'client_credentials')
    throw new OAuthError('unsupported_grant_type', 'Only client_credentials is supported');
  return { ...credentials(authorization, body), scope: param(body, 'scope') };
}

function credentials(authorization: string | undefined, body: Record<string, unknown>): ClientCredentials {
  const bodyId = param(body, 'client_id');
  const bodySecret = param(body, 'client_secret');
  if (authorization) {
    // RFC 6749 §2.3: a client uses one authentication method per request.
    if (bodySecret !== undefined) throw invalidRequest('Use either HTTP Basic or body credentials, not both');
    const basic = basicCredentials(authorization);
    if (bodyId !== undefined && bodyId !== basic.clientId) throw invalidRequest('client_id does not match');
    return basic;
  }
  if (!bodyId || bodySecret === undefined) {
    throw new OAuthError('invalid_client', 'Client credentials are required', 401, {
      'WWW-Authenticate': 'Basic realm="parley"',
    });
  }
  return { clientId: bodyId, clientSecret: bodySecret, viaBasic: false };
}
