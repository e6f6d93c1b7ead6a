/**
 * The console's call page, first load, with a 30-minute call: from navigation until the transcript's last sentence is
 * on screen and the audio can play (metadata loaded), in headless Debian chromium, cold (a new browser context: no
 * cache) and warm (the same context again). Also the production bundle's size, gzipped.
 *
 *   npm run build && node -r ./scripts/ts-hook.cjs bench/console/first-load.ts [--minutes 30] [--loads 10]
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../../test/support/browser';
import { loadCorpus } from '../../test/support/corpus';
import { callApi, createMigratedDatabase, startBenchApi } from '../support/bench-api';
import { percentile } from '../support/percentile';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const MINUTES = arg('minutes', 30);
const LOADS = arg('loads', 10);
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/parley';
const ROOT = join(__dirname, '..', '..');

interface PageGlobals {
  document: {
    querySelector(selector: string): { readyState?: number } | null;
    querySelectorAll(selector: string): { length: number };
  };
}

function bundleSizes(): { file: string; bytes: number; gzipped: number }[] {
  const assets = join(ROOT, 'dist', 'console', 'assets');
  return readdirSync(assets).map((file) => {
    const bytes = readFileSync(join(assets, file));
    return { file, bytes: statSync(join(assets, file)).size, gzipped: gzipSync(bytes, { level: 9 }).length };
  });
}

/** A long call made of the corpus's first call over and over (stereo WAV, 16 kHz). */
function longCall(dir: string): string {
  const corpus = loadCorpus({ formats: ['wav'] });
  const source = corpus.file(corpus.ids[0], 'wav');
  const target = join(dir, 'long-call.wav');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-stream_loop',
    '-1',
    '-i',
    source,
    '-t',
    String(MINUTES * 60),
    '-y',
    target,
  ]);
  return target;
}

async function main() {
  const sizes = bundleSizes();
  const work = await mkdtemp(join(tmpdir(), 'parley-bench-console-'));
  const url = await createMigratedDatabase(SERVER, 'parley_bench_console');
  const api = await startBenchApi('console', url, {}, 'local');
  const browser = await launchBrowser();
  try {
    const session = await callApi(api.base, '/auth/signup', {
      method: 'POST',
      body: {
        email: 'bench@example.test',
        password: 'a long passphrase',
        name: 'Bench',
        organizationName: 'Bench',
      },
    });
    const token = session.accessToken as string;
    const project = await callApi(api.base, '/projects', {
      method: 'POST',
      token,
      body: { name: 'Long calls' },
    });
    const form = new FormData();
    form.set('projectId', project.id as string);
    form.set('file', new Blob([readFileSync(longCall(work))]), 'long-call.wav');
    const uploaded = await fetch(`${api.base}/records/upload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: form,
    });
    const recordId = ((await uploaded.json()) as { data: { id: string } }).data.id;
    const started = Date.now();
    for (;;) {
      const record = await callApi(api.base, `/records/${recordId}`, { token });
      if (record.processingStatus === 'completed') break;
      if (record.processingStatus === 'failed') throw new Error(JSON.stringify(record.processingErrors));
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const transcript = await callApi(api.base, `/records/${recordId}/transcript`, { token });
    const sentences = (transcript.sentences as unknown[]).length;
    console.log(
      `a ${MINUTES}-minute call processed in ${((Date.now() - started) / 1000).toFixed(0)} s: ${sentences} sentences`,
    );

    const origin = api.base.replace(/\/api\/v1$/, '');
    const pageUrl = `${origin}/calls/${recordId}`;
    const load = async (page: Page) => {
      const begin = Date.now();
      await page.goto(pageUrl);
      await page.waitForFunction(
        (count) =>
          (globalThis as unknown as PageGlobals).document.querySelectorAll('.transcript li').length ===
            count &&
          ((globalThis as unknown as PageGlobals).document.querySelector('audio')?.readyState ?? 0) >= 1,
        sentences,
        { polling: 'raf', timeout: 30_000 },
      );
      return Date.now() - begin;
    };
    const signIn = async () => {
      const context = await browser.newContext();
      await context.addInitScript(
        (stored) =>
          (
            globalThis as unknown as { sessionStorage: { setItem(key: string, value: string): void } }
          ).sessionStorage.setItem('parley.session', stored),
        JSON.stringify({ accessToken: token }),
      );
      return context;
    };
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await signIn();
      const page = await context.newPage();
      cold.push(await load(page));
      warm.push(await load(page));
      await context.close();
    }
    cold.sort((a, b) => a - b);
    warm.sort((a, b) => a - b);
    console.log(
      `call page, first load (cold context), ${LOADS} loads: p50 ${percentile(cold, 50)} ms, p95 ${percentile(cold, 95)} ms, max ${cold.at(-1)} ms`,
    );
    console.log(
      `call page, again in the same context: p50 ${percentile(warm, 50)} ms, p95 ${percentile(warm, 95)} ms`,
    );
    for (const size of sizes)
      console.log(
        `bundle ${size.file}: ${(size.bytes / 1024).toFixed(1)} KB, ${(size.gzipped / 1024).toFixed(1)} KB gzipped`,
      );
    console.log(
      `bundle in all: ${(sizes.reduce((sum, size) => sum + size.gzipped, 0) / 1024).toFixed(1)} KB gzipped`,
    );
  } finally {
    await browser.close();
    await api.close();
    await rm(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
