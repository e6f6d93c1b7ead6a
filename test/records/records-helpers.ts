import { readdirSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join, relative } from 'node:path';
import { bearer, TestUser } from '../support/auth';
import type { TestApp } from '../support/test-app';

export const API = '/api/v1';

/** Every file under the test's storage folder, relative to it. */
export function storedFiles(storageDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else found.push(relative(storageDir, path));
    }
  };
  walk(storageDir);
  return found.sort();
}

export async function createProject(t: TestApp, user: TestUser, name = 'Support line'): Promise<string> {
  const response = await t.http.post(`${API}/projects`).set(bearer(user)).send({ name });
  if (response.status !== 201)
    throw new Error(`createProject: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.data.id as string;
}

/** POST /records/upload with a file from disk; returns the response. */
export function upload(
  t: TestApp,
  user: TestUser | string,
  projectId: string,
  file: string | Buffer,
  options: { metadata?: unknown; filename?: string } = {},
) {
  const request = t.http.post(`${API}/records/upload`).set(bearer(user)).field('projectId', projectId);
  if (options.metadata !== undefined)
    request.field(
      'metadata',
      typeof options.metadata === 'string' ? options.metadata : JSON.stringify(options.metadata),
    );
  return typeof file === 'string'
    ? request.attach('file', file, options.filename ? { filename: options.filename } : undefined)
    : request.attach('file', file, { filename: options.filename ?? 'call.wav', contentType: 'audio/wav' });
}

export async function recordCount(t: TestApp, user: TestUser): Promise<number> {
  const response = await t.http.get(`${API}/records`).set(bearer(user));
  return response.body.meta.total as number;
}

/** A multipart/form-data body built by hand, for clients other than supertest. */
export function multipartBody(fields: Record<string, string>, file: Buffer, filename = 'call.wav') {
  const boundary = `----parley${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * POSTs a body with node:http and reads the answer even when the server answers before the body is sent (an early
 * 413) and closes the connection, which makes supertest report EPIPE instead of the response.
 */
export function rawPost(
  url: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status: number; body: { error?: { code: string; message: string } } }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, {
      method: 'POST',
      headers: { ...headers, 'Content-Length': body.length },
    });
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text || '{}') }));
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    request.end(body);
  });
}
