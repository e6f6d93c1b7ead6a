/**
 * Analysis agreement with the corpus labels, and analysis time of a one-hour call.
 *
 *   node -r ./scripts/ts-hook.cjs bench/analysis/run.ts [--no-asr] [--engines moonshine,pocketsphinx] [--runs 20]
 *
 * For every call of test/corpus, the `# expect:` labels (sentiment, disclosure → complianceStatus, pii types,
 * greeting, closing) are compared with what computeAnalysis() with the built-in default profile says, once on the
 * ground-truth transcript (the scripted utterances: agent = channel 0, customer = channel 1) and once per engine on
 * the transcript it makes of the synthesised stereo audio (TranscriptionService, as the pipeline runs it; cached in
 * the temp folder per corpus and engine so a re-run is quick). Then it times computeAnalysis on a synthetic
 * one-hour call (median and worst wall time, and CPU time, over --runs runs after a warm-up).
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  analyzeTranscript,
  computeAnalysis,
  DEFAULT_PROFILE,
  UniversalSentenceEncoder,
  BatchingEmbedder,
  type AnalysisResult,
  type Transcript,
} from '@app/analysis';
import { loadConfig } from '@app/core';
import { type EngineName, TranscriptionEngines, TranscriptionService } from '@app/transcription';
import { syntheticCall } from '../../libs/analysis/src/testing/synthetic-call';
import { loadCorpus, type CallTruth } from '../../test/support/corpus';
import { corpusPiiLabels, truthTranscript } from '../../test/support/corpus-analysis';

const args = process.argv.slice(2);
const withAsr = !args.includes('--no-asr');
const runs = Number(args[args.indexOf('--runs') + 1]) || 20;
const engineNames = (
  args.includes('--engines') ? args[args.indexOf('--engines') + 1] : 'moonshine,pocketsphinx'
).split(',') as EngineName[];

const LABELS = ['sentiment', 'disclosure', 'pii', 'greeting', 'closing'] as const;
type Label = (typeof LABELS)[number];
/** The labels as the corpus writes them, from an analysis. */
function labelsOf(result: AnalysisResult): Record<Label, string> {
  const passed = (id: string) => (result.criteria.find((c) => c.id === id)?.passed ? 'yes' : 'no');
  const pii = corpusPiiLabels(result);
  return {
    sentiment: result.sentiment.label.toLowerCase(),
    disclosure: result.complianceStatus === 'passed' ? 'yes' : 'no',
    pii: pii.length ? pii.join(',') : 'none',
    greeting: passed('greeting'),
    closing: passed('closing'),
  };
}

function expectedOf(truth: CallTruth): Record<Label, string> {
  const pii = truth.expect.pii;
  return {
    sentiment: String(truth.expect.sentiment),
    disclosure: String(truth.expect.disclosure),
    pii: pii ? [pii].flat().sort().join(',') : 'none',
    greeting: String(truth.expect.greeting),
    closing: String(truth.expect.closing),
  };
}

async function asrTranscripts(
  corpus: ReturnType<typeof loadCorpus>,
  engine: EngineName,
): Promise<Map<string, Transcript>> {
  const key = createHash('sha256').update(corpus.dir).digest('hex').slice(0, 12);
  const cache = join(tmpdir(), `parley-bench-analysis-asr-${engine}-${key}.json`);
  if (existsSync(cache))
    return new Map(Object.entries(JSON.parse(readFileSync(cache, 'utf8')) as Record<string, Transcript>));
  const config = loadConfig({ ...process.env, TRANSCRIPTION_ENGINE: engine });
  const engines = new TranscriptionEngines(config);
  const service = new TranscriptionService(config, engines);
  const out: Record<string, Transcript> = {};
  for (const id of corpus.ids) {
    const started = Date.now();
    const result = await service.transcribeRecording({ path: corpus.file(id, 'wav') });
    out[id] = result;
    process.stderr.write(
      `${engine} ${id}: ${result.sentences.length} sentences in ${Date.now() - started} ms\n`,
    );
  }
  await engines.onModuleDestroy();
  writeFileSync(cache, JSON.stringify(out));
  return new Map(Object.entries(out));
}

function timeOneHour() {
  const hour = syntheticCall(60);
  for (let i = 0; i < 3; i++) computeAnalysis(hour, DEFAULT_PROFILE);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    computeAnalysis(hour, DEFAULT_PROFILE);
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    sentences: hour.sentences.length,
    words: hour.sentences.reduce((n, s) => n + s.text.split(/\s+/).length, 0),
    medianMs: median(wall),
    maxMs: Math.max(...wall),
    medianCpuMs: median(cpu),
  };
}

async function main() {
  const embedder = new BatchingEmbedder(new UniversalSentenceEncoder());
  const corpus = loadCorpus({ formats: ['wav'] });
  const asr = new Map<string, Map<string, Transcript>>();
  if (withAsr) for (const engine of engineNames) asr.set(engine, await asrTranscripts(corpus, engine));
  const columns = ['truth', ...asr.keys()];
  const agree: Record<string, Record<Label, number>> = {};
  for (const column of columns)
    agree[column] = Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;

  const rows: string[] = [];
  for (const id of corpus.ids) {
    const truth = corpus.truth(id);
    const expected = expectedOf(truth);
    // As the pipeline scores: phrases, then meaning for what no phrase met.
    const analyse = (transcript: Transcript) => analyzeTranscript(transcript, DEFAULT_PROFILE, { embedder });
    const got: Record<string, Record<Label, string>> = {
      truth: labelsOf(await analyse(truthTranscript(truth))),
    };
    for (const [engine, transcripts] of asr) got[engine] = labelsOf(await analyse(transcripts.get(id)!));
    const cells = LABELS.map((label) => {
      const marks = columns.map((column) => {
        const ok = got[column][label] === expected[label];
        if (ok) agree[column][label]++;
        return ok ? '✓' : `✗ ${got[column][label]}`;
      });
      return `${expected[label]}: ${marks.join(' / ')}`;
    });
    rows.push(`| ${id} | ${cells.join(' | ')} |`);
  }

  const n = corpus.ids.length;
  console.log(`Agreement with the corpus labels (${n} calls; each cell: expected: ${columns.join(' / ')})\n`);
  console.log(`| call | ${LABELS.join(' | ')} |`);
  console.log(`|---|${LABELS.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(row);
  console.log('');
  console.log(`| transcript | ${LABELS.join(' | ')} | all |`);
  console.log(`|---|${LABELS.map(() => '---').join('|')}|---|`);
  for (const column of columns) {
    const total = LABELS.reduce((sum, label) => sum + agree[column][label], 0);
    const pct = (x: number, of: number) => `${((100 * x) / of).toFixed(0)}%`;
    console.log(
      `| ${column === 'truth' ? 'ground truth' : column} | ${LABELS.map((l) => `${agree[column][l]}/${n}`).join(' | ')} | ${total}/${n * LABELS.length} = ${pct(total, n * LABELS.length)} |`,
    );
  }

  const timing = timeOneHour();
  console.log(
    `\nOne-hour call (${timing.sentences} utterances, ${timing.words} words), ${runs} runs: ` +
      `median ${timing.medianMs.toFixed(1)} ms, max ${timing.maxMs.toFixed(1)} ms, median CPU ${timing.medianCpuMs.toFixed(1)} ms`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
