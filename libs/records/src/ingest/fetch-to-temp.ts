import { request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { resolveSafeTarget, SsrfRefusedError } from '@app/core';
import { StorageDriver } from '../storage/storage-driver';
import { ReceivedFile, receiveToTemp } from '../uploads/receive-to-temp';

export interface FetchLimits {
  allowPrivateNetworks: boolean;
  /**
   * Hosts (`name` or `name:port`) that may be on a private network even when private networks are refused: a
   * contact center's own WebDAV storage. Checked per hop, so a redirect elsewhere is judged on its own.
   */
  allowedPrivateHosts?: string[];
  maxRedirects: number;
  maxBytes: number;
  timeoutMs: number;
}

/** A download that failed for a reason retrying will not fix (refused target, 4xx, too large). */
export class PermanentFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentFetchError';
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GETs an http(s) URL into a temporary storage object. Every hop (the URL and each redirect, at most
 * `maxRedirects`) is resolved and checked against the SSRF rules, and the connection goes to the checked address
 * itself, so a second DNS answer cannot point it elsewhere. Size and total time are limited; the body streams.
 */
export async function fetchToTemp(
  storage: StorageDriver,
  rawUrl: string,
  limits: FetchLimits,
): Promise<ReceivedFile> {
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  let url = rawUrl;
  for (let hop = 0; ; hop += 1) {
    const response = await get(url, limits.allowPrivateNetworks || isAllowedHost(url, limits), deadline);
    const status = response.statusCode ?? 0;
    if (REDIRECTS.has(status)) {
      response.resume();
      const location = response.headers.location;
      if (!location) throw new PermanentFetchError(`Redirect ${status} without a Location`);
      if (hop >= limits.maxRedirects)
        throw new PermanentFetchError(`More than ${limits.maxRedirects} redirects`);
      url = new URL(location, url).toString();
      continue;
    }
    if (status < 200 || status > 299) {
      response.resume();
      const message = `The audio URL answered ${status}`;
      // 408 and 429 and 5xx are worth another try; other 4xx are not.
      if (status >= 400 && status < 500 && status !== 408 && status !== 429)
        throw new PermanentFetchError(message);
      throw new Error(message);
    }
    const declared = Number(response.headers['content-length'] ?? NaN);
    if (declared > limits.maxBytes) {
      response.destroy();
      throw new PermanentFetchError(`The audio is larger than ${limits.maxBytes} bytes`);
    }
    return receiveToTemp(storage, response, limits.maxBytes);
  }
}

function isAllowedHost(rawUrl: string, limits: FetchLimits): boolean {
  if (!limits.allowedPrivateHosts?.length) return false;
  try {
    const url = new URL(rawUrl);
    const hostname = url.hostname.toLowerCase();
    return limits.allowedPrivateHosts.some((allowed) => {
      const entry = allowed.toLowerCase();
      return entry === hostname || entry === `${hostname}:${url.port}`;
    });
  } catch {
    return false;
  }
}

async function get(rawUrl: string, allowPrivate: boolean, signal: AbortSignal): Promise<IncomingMessage> {
  let target;
  try {
    target = await resolveSafeTarget(rawUrl, allowPrivate);
  } catch (error) {
    if (error instanceof SsrfRefusedError) throw new PermanentFetchError(error.message);
    throw error;
  }
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [
        { address: target.address, family: target.family },
      ]);
    else callback(null, target.address, target.family);
  };
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(target.url, {
      method: 'GET',
      lookup: pinned,
      signal,
      headers: { Accept: 'audio/*' },
    });
    request.on('response', resolve);
    request.on('error', reject);
    request.end();
  });
}
