import { Injectable } from '@nestjs/common';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { AppConfig, resolveSafeTarget } from '@app/core';

const SNIPPET_BYTES = 1024;

export interface OutgoingMessage {
  url: string;
  /** webhook-id: the event id, the same for every attempt and every endpoint. */
  messageId: string;
  body: string;
  /** Current secret first; during a rotation overlap also the previous one. */
  secrets: string[];
}

export interface SendOutcome {
  statusCode?: number;
  durationMs: number;
  responseSnippet?: string;
  error?: string;
}

/** WEBHOOK_ALLOW_PRIVATE_NETWORKS, or when unset: allowed outside production only. */
export const privateNetworksAllowed = (config: AppConfig): boolean =>
  config.WEBHOOK_ALLOW_PRIVATE_NETWORKS ?? !config.isProduction;

/** The Standard Webhooks headers; several secrets give several space-separated `v1,` signatures. */
export function signedHeaders(
  messageId: string,
  at: Date,
  body: string,
  secrets: string[],
): Record<string, string> {
  const signatures = secrets.map((secret) => new Webhook(secret).sign(messageId, at, body));
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}

/**
 * One HTTP POST to a receiver. The host is resolved and checked against the SSRF rules, and the connection goes to
 * that checked address (a second DNS answer cannot point it elsewhere). Redirects are not followed, the whole
 * exchange has a time limit, and only the first kilobyte of the answer is kept. Never throws: every way an attempt
 * can go wrong becomes an outcome for the delivery log.
 */
@Injectable()
export class WebhookSender {
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 256 });

  constructor(private readonly config: AppConfig) {}

  async send(message: OutgoingMessage): Promise<SendOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let target;
    try {
      target = await resolveSafeTarget(message.url, privateNetworksAllowed(this.config));
    } catch (error) {
      return { durationMs: elapsed(), error: (error as Error).message };
    }
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Parley-Webhooks/1',
      ...signedHeaders(message.messageId, new Date(), message.body, message.secrets),
    };
    const pinned: LookupFunction = (_hostname, options, callback) => {
      if (options.all) callback(null, [{ address: target.address, family: target.family }]);
      else callback(null, target.address, target.family);
    };
    const secure = target.url.protocol === 'https:';
    const timeoutMs = this.config.WEBHOOK_TIMEOUT_SECONDS * 1000;
    return new Promise<SendOutcome>((resolvePromise) => {
      let settled = false;
      const finish = (outcome: Omit<SendOutcome, 'durationMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolvePromise({ ...outcome, durationMs: elapsed() });
      };
      const request = (secure ? https : http).request(
        target.url,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(message.body) },
          agent: secure ? this.httpsAgent : this.httpAgent,
          lookup: pinned,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let kept = 0;
          response.on('data', (chunk: Buffer) => {
            if (kept < SNIPPET_BYTES) {
              chunks.push(chunk.subarray(0, SNIPPET_BYTES - kept));
              kept += Math.min(chunk.length, SNIPPET_BYTES - kept);
            }
          });
          response.on('end', () =>
            finish({
              statusCode: response.statusCode,
              responseSnippet: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          response.on('error', (error) => finish({ statusCode: response.statusCode, error: error.message }));
        },
      );
      const timer = setTimeout(() => {
        request.destroy(new Error(`No complete answer within ${this.config.WEBHOOK_TIMEOUT_SECONDS} s`));
      }, timeoutMs);
      request.on('error', (error) => finish({ error: error.message }));
      request.end(message.body);
    });
  }
}
