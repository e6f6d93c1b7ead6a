import { Agent, get } from 'node:http';

export interface HttpAnswer {
  status: number;
  body: string;
}

/**
 * A keep-alive HTTP GET client for latency benchmarks. Node's fetch (undici) spends about a millisecond of the
 * calling process's CPU per request; a load generator is not part of the latency under test, so the benchmarks that
 * time an API call use this plain one.
 */
export function keepAliveGetter() {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const fetchText = (url: string, headers: Record<string, string> = {}): Promise<HttpAnswer> =>
    new Promise((resolve, reject) => {
      get(url, { agent, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      }).on('error', reject);
    });
  return { get: fetchText, close: () => agent.destroy() };
}
