import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { createParleyClient } from '../../clients/typescript/src';
import { operationsOf } from '../../apps/api/src/openapi/describe-responses';
import { RESPONSE_CATALOGUE } from '../../apps/api/src/openapi/response-catalogue';
import { loadCorpus } from '../support/corpus';
import { ROOT } from '../support/processes';
import { createTestApp, TestApp } from '../support/test-app';

const run = promisify(execFile);

/** The OpenAPI document a tool can trust, and the TypeScript client generated from it. */
describe('OpenAPI document and generated client', () => {
  let t: TestApp;
  let document: OpenAPIObject;

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    document = (await (await fetch(`${t.url}/docs/openapi.json`)).json()) as OpenAPIObject;
  });
  afterAll(() => t.close());

  it('passes a standard validator (swagger-parser, in a process of its own: it is an ES module)', async () => {
    const { stdout } = await run(process.execPath, [
      join(ROOT, 'scripts', 'validate-openapi.mjs'),
      `${t.url}/docs/openapi.json`,
    ]);
    expect(stdout).toMatch(/^valid: Parley API/);
  });

  it('declares a success answer with its schema for every operation, and the statuses the server uses', () => {
    const operations = operationsOf(document);
    const undocumented = operations.filter(({ key }) => !RESPONSE_CATALOGUE[key]).map(({ key }) => key);
    expect(undocumented).toEqual([]);
    const withSchema = operations.filter(({ operation }) =>
      Object.entries(operation.responses).some(
        ([status, response]) =>
          status === '204' ||
          (/^2\d\d$/.test(status) &&
            Object.values(
              (response as { content?: Record<string, { schema?: unknown }> }).content ?? {},
            ).some((media) => media.schema)),
      ),
    );
    expect(withSchema.length / operations.length).toBeGreaterThanOrEqual(0.95);
    // Catalogue entries for operations that no longer exist would document nothing.
    expect(Object.keys(RESPONSE_CATALOGUE).filter((key) => !operations.some((op) => op.key === key))).toEqual(
      [],
    );
    const ingest = document.paths['/api/v1/records/ingest'].post!;
    expect(Object.keys(ingest.responses)).toEqual(expect.arrayContaining(['202', '200']));
    expect(ingest.responses['201']).toBeUndefined();
    // The token endpoint is POST only (other methods answer 405), documented as such.
    expect(Object.keys(document.paths['/api/v1/oauth/token'])).toEqual(['post']);
    const compatTags = operationsOf(document)
      .filter(({ key }) => key.includes(' /compat/'))
      .map(({ operation }) => operation.tags?.[0]);
    expect(compatTags.every((tag) => tag?.startsWith('compat: '))).toBe(true);
  });

  it('the committed client is what openapi-typescript generates from the document', async () => {
    const { stdout } = await run(process.execPath, [
      join(ROOT, 'scripts', 'generate-client.mjs'),
      `${t.url}/docs/openapi.json`,
      ...(process.env.UPDATE_CLIENT === '1' ? [] : ['--check']),
    ]);
    expect(stdout).toMatch(/up to date|wrote/);
  });

  it('a whole flow through the generated client: sign-up, upload, transcript, analysis', async () => {
    const corpus = loadCorpus();
    const anonymous = createParleyClient({ baseUrl: t.url! });
    const signup = await anonymous.POST('/api/v1/auth/signup', {
      body: {
        email: `client-${Date.now()}@example.test`,
        password: 'a long passphrase',
        name: 'Client',
        organizationName: 'Typed',
      },
    });
    expect(signup.response.status).toBe(201);
    const parley = createParleyClient({ baseUrl: t.url!, accessToken: signup.data!.data.accessToken });

    const project = await parley.POST('/api/v1/projects', { body: { name: 'Typed calls' } });
    expect(project.response.status).toBe(201);
    const projectId = project.data!.data.id;

    const form = new FormData();
    form.set('projectId', projectId);
    form.set('file', new Blob([readFileSync(corpus.file(corpus.ids[0], 'mp3'))]), 'call.mp3');
    const upload = await parley.POST('/api/v1/records/upload', {
      body: form as never,
      bodySerializer: (body) => body as unknown as FormData,
    });
    expect(upload.response.status).toBe(201);
    const recordId: string = upload.data!.data.id;
    expect(recordId).toMatch(/^rec_/);

    const deadline = Date.now() + 90_000;
    let status = upload.data!.data.processingStatus;
    while ((status === 'pending' || status === 'processing') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const record = await parley.GET('/api/v1/records/{id}', { params: { path: { id: recordId } } });
      status = record.data!.data.processingStatus;
    }
    expect(status).toBe('completed');

    const transcript = await parley.GET('/api/v1/records/{id}/transcript', {
      params: { path: { id: recordId } },
    });
    expect(transcript.data!.data.sentences.length).toBeGreaterThan(2);
    expect(transcript.data!.data.sentences[0]).toMatchObject({
      speakerId: expect.any(String),
      startTime: expect.any(Number),
      text: expect.any(String),
    });

    const analyses = await parley.GET('/api/v1/analyses', { params: { query: { recordId } } });
    expect(analyses.data!.meta.total).toBe(1);
    const analysis = await parley.GET('/api/v1/analyses/{id}', {
      params: { path: { id: analyses.data!.data[0].id } },
    });
    expect(analysis.data!.data).toMatchObject({ recordId, sentiment: { label: expect.any(String) } });

    const missing = await parley.GET('/api/v1/records/{id}', {
      params: { path: { id: 'rec_doesnotexist' } },
    });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
