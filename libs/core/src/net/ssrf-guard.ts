import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { AppError } from '../errors/app-error';

export class SsrfRefusedError extends AppError {
  constructor(message: string) {
    super('VALIDATION_FAILED', message, [{ field: 'url', message }]);
    this.name = 'SsrfRefusedError';
  }
}

/** True when `address` is a public unicast address an outbound request may reach. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address it carries.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  // An allow-list, not a deny-list: loopback, private, link-local (cloud metadata at 169.254.169.254), unique-local,
  // CGNAT, multicast, reserved and every translation range are refused because they are not plain 'unicast'.
  return parsed.range() === 'unicast';
}

export interface ResolvedTarget {
  url: URL;
  /** The checked address the connection must go to (never resolve the name again: DNS rebinding). */
  address: string;
  family: 4 | 6;
}

/**
 * Resolves an http(s) URL's host and checks every address it resolves to; returns the address to connect to.
 * With `allowPrivate`, only the scheme and resolvability are checked (tests, closed networks).
 */
export async function resolveSafeTarget(rawUrl: string, allowPrivate: boolean): Promise<ResolvedTarget> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new SsrfRefusedError('url must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new SsrfRefusedError('url must use http or https');
  if (url.username || url.password) throw new SsrfRefusedError('url must not carry credentials');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: Array<{ address: string; family: number }>;
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw new SsrfRefusedError(`url host ${host} does not resolve`);
    }
  }
  if (addresses.length === 0) throw new SsrfRefusedError(`url host ${host} does not resolve`);
  if (!allowPrivate) {
    const refused = addresses.find((entry) => !isPublicAddress(entry.address));
    if (refused) throw new SsrfRefusedError(`url resolves to a non-public address (${refused.address})`);
  }
  const chosen = addresses[0];
  return { url, address: chosen.address, family: chosen.family === 6 ? 6 : 4 };
}
