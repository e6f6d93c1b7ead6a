import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository's own scripted calls and their generator (test/corpus). */
const CORPUS = join(__dirname, '..', 'corpus');
export const DIALOGUES = join(CORPUS, 'dialogues');
const MAKE_CALLS = join(CORPUS, 'make-calls.mjs');

/** Where in an utterance the script marked personal data ({card: …}): what redaction must silence. */
export interface MarkedSpan {
  type: 'card' | 'email' | 'phone' | 'ssn';
  text: string;
  startTime: number;
  endTime: number;
}

export interface Utterance {
  speaker: 'agent' | 'customer';
  channel: 0 | 1;
  startTime: number;
  endTime: number;
  text: string;
  spans: MarkedSpan[];
}

export interface CallTruth {
  id: string;
  title: string;
  expect: Record<string, string | string[]>;
  duration: number;
  channels: number;
  sampleRate: number;
  utterances: Utterance[];
}

export type AudioFormat = 'wav' | 'mp3' | 'ogg' | 'flac' | 'm4a';

export interface Corpus {
  dir: string;
  ids: string[];
  truth(id: string): CallTruth;
  /** Path of a call in a format: `<id>.<fmt>`, or the mono mix with `mono: true` (wav only). */
  file(id: string, format?: AudioFormat, mono?: boolean): string;
}

/**
 * The scripted calls of test/corpus as real stereo audio (left = agent, right = customer) with ground truth,
 * synthesised by test/corpus/make-calls.mjs (flite, sox, ffmpeg) at test time and cached in the system temp
 * folder by a hash of the dialogues and options, so a run generates them once. Never committed.
 */
export function loadCorpus(
  options: { rate?: 8000 | 16000; formats?: AudioFormat[]; mono?: boolean } = {},
): Corpus {
  const rate = options.rate ?? 16000;
  const formats = options.formats ?? ['wav', 'mp3', 'ogg', 'flac', 'm4a'];
  const hash = createHash('sha256');
  for (const name of readdirSync(DIALOGUES).sort())
    hash.update(name).update(readFileSync(join(DIALOGUES, name)));
  hash.update(readFileSync(MAKE_CALLS)).update(JSON.stringify({ rate, formats, mono: options.mono }));
  const dir = join(tmpdir(), `parley-corpus-${hash.digest('hex').slice(0, 16)}`);
  if (!existsSync(join(dir, '.complete'))) {
    // Generate beside the final folder and rename: parallel test workers never see a half-written corpus.
    const work = mkdtempSync(`${dir}-work-`);
    const args = [
      MAKE_CALLS,
      '--in',
      DIALOGUES,
      '--out',
      work,
      '--rate',
      String(rate),
      '--formats',
      formats.join(','),
    ];
    if (options.mono) args.push('--mono');
    execFileSync(process.execPath, args, { stdio: 'pipe' });
    execFileSync('touch', [join(work, '.complete')]);
    try {
      renameSync(work, dir);
    } catch {
      rmSync(work, { recursive: true, force: true }); // another worker finished first
    }
  }
  const ids = readdirSync(dir)
    .filter((f) => f.endsWith('.truth.json'))
    .map((f) => f.replace('.truth.json', ''))
    .sort();
  return {
    dir,
    ids,
    truth: (id) => JSON.parse(readFileSync(join(dir, `${id}.truth.json`), 'utf8')) as CallTruth,
    file: (id, format = 'wav', mono = false) => join(dir, mono ? `${id}.mono.wav` : `${id}.${format}`),
  };
}
