import { readFileSync } from 'node:fs';
import { ApiModule } from '../../apps/api/src/api.module';
import { bearer, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { describeIsolation } from '../support/isolation';
import type { TestApp } from '../support/test-app';

type Http = TestApp['http'];

const API = '/api/v1';
const corpus = loadCorpus({ formats: ['ogg'] });
const audio = readFileSync(corpus.file(corpus.ids[0], 'ogg'));

async function project(http: Http, owner: TestUser): Promise<string> {
  const response = await http.post(`${API}/projects`).set(bearer(owner)).send({ name: 'isolation' });
  return response.body.data.id as string;
}

async function record(http: Http, owner: TestUser): Promise<string> {
  const response = await http
    .post(`${API}/records/upload`)
    .set(bearer(owner))
    .field('projectId', await project(http, owner))
    .attach('file', audio, { filename: 'call.ogg', contentType: 'audio/ogg' });
  if (response.status !== 201) throw new Error(`upload: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.data.id as string;
}

// The API alone: the isolation checks need no worker transcribing their uploads.
describeIsolation(
  'records',
  [
    {
      name: 'project',
      create: project,
      routes: [
        ['GET', '/projects/:id'],
        ['GET', '/projects/:id/stats'],
        ['PATCH', '/projects/:id', { name: 'renamed' }],
        ['DELETE', '/projects/:id'],
      ],
    },
    {
      name: 'record',
      create: record,
      routes: [
        ['GET', '/records/:id'],
        ['GET', '/records/:id/audio'],
        ['GET', '/records/:id/notes'],
        ['POST', '/records/:id/notes', { noteText: 'a note' }],
        ['POST', '/records/:id/tags', { value: 'isolated' }],
        ['PATCH', '/records/:id', { title: 'renamed' }],
        ['DELETE', '/records/:id'],
      ],
    },
    {
      name: 'record tag',
      create: async (http, owner) => {
        const id = await record(http, owner);
        const tag = await http.post(`${API}/records/${id}/tags`).set(bearer(owner)).send({ value: 'vip' });
        return { id, tagId: tag.body.data.id as string };
      },
      routes: [['DELETE', '/records/:id/tags/:tagId']],
    },
    {
      name: 'note',
      create: async (http, owner) => {
        const id = await record(http, owner);
        const note = await http.post(`${API}/records/${id}/notes`).set(bearer(owner)).send({ noteText: 'n' });
        return { id, noteId: note.body.data.noteId as string };
      },
      routes: [
        ['PATCH', '/records/:id/notes/:noteId', { noteText: 'changed' }],
        ['DELETE', '/records/:id/notes/:noteId'],
      ],
    },
  ],
  { module: ApiModule },
);
