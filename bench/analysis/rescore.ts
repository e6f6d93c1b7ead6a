/**
 * Re-scoring past calls after a profile change: how long POST /analysis-profiles/:id/rescore takes to re-score N
 * calls, as a background job, through the real API and worker (LocalModule in this process).
 *
 *   node -r ./scripts/ts-hook.cjs bench/analysis/rescore.ts [--calls 1000]
 *
 * Creates a database of its own (parley_bench_rescore on DATABASE_URL's server), signs up one organisation, makes
 * a profile with phrase and meaning criteria, sends N typed calls (12 utterances each) through POST /transcribes and
 * waits for the pipeline to finish them, then edits the profile and times the re-score from the request to
 * `completed`, sampling its progress.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { dropDatabase } from '../../test/support/test-database';
import { callApi, createMigratedDatabase, startBenchApi } from '../support/bench-api';

const args = process.argv.slice(2);
const at = args.indexOf('--calls');
const CALLS = at >= 0 ? Number(args[at + 1]) : 1000;
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = 'parley_bench_rescore';

const criterion = (id: string, extra: object) => ({
  id,
  category: 'quality',
  description: id,
  weight: 1,
  compliance: false,
  speaker: 'agent',
  ...extra,
});

const conversation = (i: number) => [
  { timestamp: 0, author: 'Agent', text: `Good morning, thanks for calling, this is agent ${i % 17}.` },
  { timestamp: 4, author: 'Client', text: 'Hi, my last invoice shows a charge I do not recognise.' },
  { timestamp: 9, author: 'Agent', text: 'I am sorry to hear that, let me pull up your account.' },
  { timestamp: 14, author: 'Client', text: 'Sure, it is the one from last Tuesday.' },
  { timestamp: 18, author: 'Agent', text: 'I see it, that was a duplicate payment on our side.' },
  { timestamp: 23, author: 'Client', text: 'So will I get the money back?' },
  { timestamp: 27, author: 'Agent', text: 'Yes, I will refund it today and e-mail you the confirmation.' },
  { timestamp: 33, author: 'Client', text: 'Great, how long does that take?' },
  { timestamp: 36, author: 'Agent', text: 'It usually shows up within three to five business days.' },
  { timestamp: 41, author: 'Client', text: 'Perfect, thank you for sorting it out.' },
  { timestamp: 45, author: 'Agent', text: 'Is there anything else I can help you with today?' },
  { timestamp: 49, author: 'Agent', text: 'Thank you for your patience, have a lovely evening.' },
];

async function main() {
  const url = await createMigratedDatabase(SERVER, NAME);
  const api = await startBenchApi('rescore', url, {}, 'local');
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const call = (path: string, init: Parameters<typeof callApi>[2] = {}) => callApi(api.base, path, init);
    const signup = await call('/auth/signup', {
      method: 'POST',
      body: {
        email: 'bench@example.com',
        password: 'a long passphrase',
        name: 'Bench',
        organizationName: 'Bench',
      },
    });
    const token = signup.accessToken as string;
    const profile = await call('/analysis-profiles', {
      method: 'POST',
      token,
      body: {
        name: 'Bench',
        criteria: [
          criterion('greeting', { phrases: ['good morning'], window: { fromStart: 20 } }),
          criterion('empathy', {
            phrases: ['i am sorry'],
            examples: ['I understand how frustrating that is.'],
          }),
          criterion('closing', {
            phrases: ['have a nice day'],
            examples: ['Thank you for calling, goodbye.'],
          }),
          criterion('talk', {
            metric: {
              name: 'agentTalkShare',
              rubric: { minTarget: 0.4, maxTarget: 0.6, targetTolerance: 0.2 },
            },
          }),
        ],
      },
    });
    const project = await call('/projects', {
      method: 'POST',
      token,
      body: { name: 'Bench', analysisProfileId: profile.id },
    });
    const contact = await call('/contacts', { method: 'POST', token, body: { displayName: 'Bench caller' } });

    let started = Date.now();
    for (let i = 0; i < CALLS; i += 20)
      await Promise.all(
        Array.from({ length: Math.min(20, CALLS - i) }, (_, k) =>
          call('/transcribes', {
            method: 'POST',
            token,
            body: { contact: contact.id, projectId: project.id, contents: conversation(i + k) },
          }),
        ),
      );
    for (;;) {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM records WHERE processing_status = 'completed'`,
      );
      if (rows[0].n >= CALLS) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    console.log(`${CALLS} calls sent and analysed in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    await call(`/analysis-profiles/${profile.id as string}`, {
      method: 'PATCH',
      token,
      body: {
        criteria: [criterion('greeting', { phrases: ['hello'], examples: ['Hello, how can I help you?'] })],
      },
    });
    started = Date.now();
    const rescore = await call(`/analysis-profiles/${profile.id as string}/rescore`, {
      method: 'POST',
      token,
      body: { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' },
    });
    let progress = rescore;
    const samples: string[] = [];
    while (progress.status !== 'completed' && progress.status !== 'failed') {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      progress = await call(`/analysis-profiles/${profile.id as string}/rescores/${rescore.id as string}`, {
        token,
      });
      samples.push(`${Math.round((Date.now() - started) / 1000)} s: ${progress.processed}/${progress.total}`);
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`progress: ${samples.join(', ')}`);
    console.log(
      `re-score of ${progress.total} calls: ${progress.status} in ${seconds.toFixed(1)} s ` +
        `(${((1000 * seconds) / Number(progress.total)).toFixed(1)} ms a call)`,
    );
  } finally {
    await db.end();
    await api.close();
    await dropDatabase(SERVER, NAME);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
