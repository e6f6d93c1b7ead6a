// ASR benchmark: word error rate (WER) and real-time factor (RTF) of the transcription engines on the synthesised
// corpus (test/corpus), per channel, at 16 kHz and 8 kHz. Uses the compiled library (npm run build first):
//
//   npm run build && node bench/asr/run.mjs [--rates 16000,8000] [--configs default,...] [--calls a,b] [--json out.json]
//        [--format wav|ogg|mp3|flac|m4a]
//
// The corpus is synthesised once into the system temp folder by test/corpus/make-calls.mjs (per version of the
// dialogues and the generator).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { CONFIGS } from './configs.mjs';
import { normalizeWords, wordErrors } from './wer.mjs';

const root = new URL('../..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
require('tsconfig-paths').register({ baseUrl: join(root, 'dist'), paths: { '@app/*': ['libs/*/src'] } });
const lib = (path) => require(join(root, 'dist', 'libs', 'transcription', 'src', path));
const { PocketsphinxEngine } = lib('engines/pocketsphinx.engine.js');
const { ConcurrencyLimiter } = lib('engines/concurrency-limiter.js');
const { prepareAudio } = lib('audio/prepare-audio.js');

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => {
    if (a.startsWith('--')) pairs.push([a.slice(2), all[i + 1] ?? 'true']);
    return pairs;
  }, []),
);
const rates = (args.rates ?? '16000,8000').split(',').map(Number);
const configNames = (args.configs ?? Object.keys(CONFIGS).join(',')).split(',');
/** The calls' container: WAV by default; a lossy one (ogg, mp3, m4a) adds its coding artefacts. */
const format = args.format ?? 'wav';
const corpusSource = join(root, 'test', 'corpus');
const cacheRoot = join(tmpdir(), `parley-asr-bench-${corpusVersion()}`);

/** A hash of the dialogues and the generator: a changed script is synthesised again. */
function corpusVersion() {
  const hash = createHash('sha256').update(readFileSync(join(corpusSource, 'make-calls.mjs')));
  const dialogues = join(corpusSource, 'dialogues');
  for (const name of readdirSync(dialogues).sort())
    hash.update(name).update(readFileSync(join(dialogues, name)));
  return hash.digest('hex').slice(0, 12);
}

/** The corpus at one rate: a stereo file per call (left agent, right customer) and its ground truth. */
function corpusAt(rate) {
  const dir = join(cacheRoot, format === 'wav' ? `r${rate}` : `r${rate}-${format}`);
  if (!existsSync(join(dir, '.complete'))) {
    const work = `${dir}-work`;
    rmSync(work, { recursive: true, force: true });
    execFileSync(process.execPath, [
      join(corpusSource, 'make-calls.mjs'),
      '--out',
      work,
      '--rate',
      String(rate),
      '--formats',
      format,
    ]);
    writeFileSync(join(work, '.complete'), '');
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
  }
  const ids = readdirSync(dir)
    .filter((f) => f.endsWith('.truth.json'))
    .map((f) => f.replace('.truth.json', ''))
    .filter((id) => !args.calls || args.calls.split(',').includes(id))
    .sort();
  return ids.map((id) => ({
    id,
    path: join(dir, `${id}.${format}`),
    truth: JSON.parse(readFileSync(join(dir, `${id}.truth.json`), 'utf8')),
  }));
}

/** Splits every call into per-channel tracks at the engine's rate, once per (rate, track rate). */
async function tracksFor(calls, trackRate, narrowBandImage) {
  const tracks = [];
  for (const call of calls) {
    const prepared = await prepareAudio({
      path: call.path,
      channels: 2,
      split: true,
      sampleRate: trackRate,
      // As TranscriptionService does for pocketsphinx: the call's own rate decides how it is brought up.
      ...(narrowBandImage ? { narrowBandImage: { sourceSampleRate: call.truth.sampleRate } } : {}),
      timeoutMs: 600_000,
    });
    for (const track of prepared.tracks) {
      const said = call.truth.utterances
        .filter((u) => u.channel === track.channel)
        .map((u) => u.text)
        .join(' ');
      tracks.push({
        call: call.id,
        channel: track.channel,
        path: track.path,
        sampleRate: track.sampleRate,
        duration: call.truth.duration,
        reference: normalizeWords(said),
      });
    }
    tracks.dispose ??= [];
    tracks.dispose.push(prepared.dispose);
  }
  return tracks;
}

/** CPU time (user + system) of this process's finished children, from /proc: clock ticks of 1/100 s. */
function childCpuSeconds() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

const limiter = new ConcurrencyLimiter(Number(args.concurrency ?? cpus().length));
const results = [];
for (const rate of rates) {
  const calls = corpusAt(rate);
  for (const name of configNames) {
    const config = CONFIGS[name];
    if (!config) throw new Error(`unknown config ${name}; known: ${Object.keys(CONFIGS).join(', ')}`);
    const trackRate = config.trackRate?.(rate) ?? 16000;
    const tracks = await tracksFor(calls, trackRate, config.narrowBandImage ?? true);
    // An experiment may rework each prepared track (e.g. fill the empty band of narrow-band audio).
    if (config.transformTrack)
      for (const track of tracks) Object.assign(track, await config.transformTrack(track, rate));
    const engine = new PocketsphinxEngine({
      modelDir: '/usr/share/pocketsphinx/model/en-us',
      limiter,
      timeoutMs: 1_800_000,
      sampleRate: trackRate,
      languageModel: config.languageModel,
      dictionary: config.dictionary,
      decoderArgs: config.decoderArgs?.(trackRate),
    });
    const started = Date.now();
    const cpuBefore = childCpuSeconds();
    // Prepared tracks are removed even when a configuration fails (e.g. pocketsphinx refusing its settings).
    const scored = await Promise.all(
      tracks.map(async (track) => {
        const recognition = await engine.transcribe({
          path: track.path,
          sampleRate: track.sampleRate,
          language: 'en-US',
        });
        const hypothesis = normalizeWords(recognition.words.map((w) => w.text).join(' '));
        return { ...track, hypothesis, ...wordErrors(track.reference, hypothesis) };
      }),
    ).finally(() => Promise.all(tracks.dispose.map((dispose) => dispose())));
    const wall = (Date.now() - started) / 1000;
    const cpu = childCpuSeconds() - cpuBefore;
    const sum = (list, key) => list.reduce((total, item) => total + item[key], 0);
    const by = (channel) => scored.filter((s) => s.channel === channel);
    const wer = (list) => (sum(list, 'reference') ? sum(list, 'errors') / sum(list, 'words') : 0);
    const audio = sum(scored, 'duration');
    const row = {
      rate,
      config: name,
      wer: wer(scored),
      werAgent: wer(by(0)),
      werCustomer: wer(by(1)),
      // CPU seconds of the recognisers per second of audio: unlike wall time, other load on the machine does not
      // inflate it. wallSeconds: the whole corpus with the limiter, on this (shared) machine.
      rtf: cpu / audio,
      wallSeconds: wall,
      audioSeconds: audio,
      perCall: Object.fromEntries(
        calls.map((c) => [c.id, Number(wer(scored.filter((s) => s.call === c.id)).toFixed(3))]),
      ),
    };
    results.push(row);
    console.log(
      `${rate} Hz ${format.padEnd(4)} ${name.padEnd(22)} WER ${(row.wer * 100).toFixed(1)}%  agent ${(row.werAgent * 100).toFixed(1)}%  customer ${(row.werCustomer * 100).toFixed(1)}%  RTF ${row.rtf.toFixed(3)} (CPU), corpus done in ${wall.toFixed(0)} s`,
    );
    if (args.verbose)
      for (const s of scored) console.log(`  ${s.call} ch${s.channel}: ${s.hypothesis.join(' ')}`);
  }
}
if (args.json) {
  mkdirSync(join(args.json, '..'), { recursive: true });
  writeFileSync(args.json, JSON.stringify(results, null, 2));
}
