#!/usr/bin/env node
// Renders Parley's scripted test calls (test/corpus/dialogues) as two-channel recordings with their ground truth.
//
//   node test/corpus/make-calls.mjs --out DIR [--in DIR] [--rate 16000] [--formats mp3,ogg,flac,m4a] [--mono]
//
// Needs Debian's flite, sox and ffmpeg. A dialogue is a text file of header lines ("# title: …", "# expect: k=v …",
// optionally "# voices: agent=rms customer=slt"), then one turn a line: "A: …" (agent) or "C: …" (customer), or
// "[pause SECONDS]". Inside a turn, "{card: four one one one …}" marks a span of personal data: it is spoken like
// the rest and its exact times go into the truth, so tests can check what redaction must silence.
//
// Each turn is synthesised by flite (one piece per marked span, so the span's times are sample-exact), resampled by
// sox to raw 16-bit PCM and appended to the speaker's channel while the other channel gets the same length of
// silence; ffmpeg joins the two channels into DIR/ID.wav (left = agent, right = customer) and encodes the other
// formats. The pause between turns varies per turn (0.35–0.95 s), chosen from a hash of the call and the turn so the
// output is the same on every run. DIR/ID.truth.json holds
//   { id, title, expect, duration, channels, sampleRate, voices,
//     utterances: [{ speaker, channel, startTime, endTime, text, spans: [{ type, text, startTime, endTime }] }] }
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { Buffer } from 'node:buffer';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({
  options: {
    in: { type: 'string', default: join(dirname(fileURLToPath(import.meta.url)), 'dialogues') },
    out: { type: 'string' },
    rate: { type: 'string', default: '16000' },
    formats: { type: 'string', default: '' },
    mono: { type: 'boolean', default: false },
  },
});
if (!options.out) fail('--out DIR is required');
const rate = Number(options.rate);
if (![8000, 16000, 22050, 44100, 48000].includes(rate))
  fail(`--rate ${options.rate} is not a sample rate this tool writes`);
const formats = options.formats.split(',').filter((f) => f && f !== 'wav');
const BYTES_PER_SECOND = rate * 2;
const DEFAULT_VOICES = { agent: 'rms', customer: 'slt' };

function fail(message) {
  console.error(`make-calls: ${message}`);
  process.exit(2);
}

for (const tool of ['flite', 'sox', 'ffmpeg']) {
  try {
    execFileSync('which', [tool], { stdio: 'ignore' });
  } catch {
    fail(`${tool} is missing (apt-get install -y flite sox ffmpeg)`);
  }
}

const run = (command, args) => execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });

/** The dialogue file as { title, expect, voices, turns: [{ speaker, pieces: [{ text, type? }] } | { pause }] }. */
function readDialogue(file) {
  const header = {};
  const turns = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const where = `${basename(file)}:${index + 1}`;
    let match;
    if ((match = /^#\s*(\w+):\s*(.*)$/.exec(line))) header[match[1]] = match[2];
    else if ((match = /^\[pause\s+(\d+(?:\.\d+)?)\]$/.exec(line))) turns.push({ pause: Number(match[1]) });
    else if ((match = /^([AC]):\s*(.+)$/.exec(line)))
      turns.push({ speaker: match[1] === 'A' ? 'agent' : 'customer', pieces: splitSpans(match[2], where) });
    else fail(`${where}: cannot read "${line}"`);
  }
  return {
    title: header.title ?? '',
    expect: Object.fromEntries(
      (header.expect ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((pair) => {
          const [key, value = ''] = pair.split('=');
          return [key, ['pii', 'keywords'].includes(key) || value.includes(',') ? value.split(',') : value];
        }),
    ),
    voices: {
      ...DEFAULT_VOICES,
      ...Object.fromEntries(
        (header.voices ?? '')
          .split(/\s+/)
          .filter(Boolean)
          .map((pair) => pair.split('=')),
      ),
    },
    turns,
  };
}

/** "It is {card: four one …}." → pieces of plain text and marked spans, in order. */
function splitSpans(text, where) {
  const pieces = [];
  let rest = text;
  for (let match; (match = /\{(\w+):\s*([^}]+)\}/.exec(rest));) {
    if (match.index > 0) pieces.push({ text: rest.slice(0, match.index) });
    pieces.push({ text: match[2].trim(), type: match[1] });
    rest = rest.slice(match.index + match[0].length);
  }
  if (rest) pieces.push({ text: rest });
  if (/[{}]/.test(pieces.map((p) => p.text).join(''))) fail(`${where}: unbalanced braces`);
  return pieces.filter((piece) => /\w/.test(piece.text) || piece.type);
}

/** A piece of speech as raw 16-bit mono PCM at the output rate. */
function speak(text, voice, work) {
  const synthesised = join(work, 'piece.wav');
  const pcm = join(work, 'piece.raw');
  run('flite', ['-voice', voice, '-t', text, '-o', synthesised]);
  run('sox', [
    synthesised,
    '-t',
    'raw',
    '-e',
    'signed-integer',
    '-b',
    '16',
    '-c',
    '1',
    '-r',
    String(rate),
    pcm,
  ]);
  return readFileSync(pcm);
}

/** Seconds of silence between two turns, the same for the same call and turn on every run. */
function pauseAfter(id, turnIndex) {
  const digest = createHash('sha256').update(`${id}:${turnIndex}`).digest();
  return 0.35 + (digest[0] % 61) / 100;
}

function render(id, dialogue, outDir, work) {
  const channels = { agent: join(work, 'agent.raw'), customer: join(work, 'customer.raw') };
  const handles = { agent: openSync(channels.agent, 'w'), customer: openSync(channels.customer, 'w') };
  let written = 0; // bytes in each channel so far
  const seconds = (bytes) => Number((bytes / BYTES_PER_SECOND).toFixed(3));
  const both = (buffer) => {
    writeSync(handles.agent, buffer);
    writeSync(handles.customer, buffer);
    written += buffer.length;
  };
  const silence = (duration) => both(Buffer.alloc(Math.round(duration * rate) * 2));

  const utterances = [];
  silence(0.4);
  for (const [index, turn] of dialogue.turns.entries()) {
    if ('pause' in turn) {
      silence(turn.pause);
      continue;
    }
    const listener = turn.speaker === 'agent' ? 'customer' : 'agent';
    const start = written;
    const spans = [];
    for (const piece of turn.pieces) {
      const pcm = speak(piece.text, dialogue.voices[turn.speaker], work);
      if (piece.type)
        spans.push({
          type: piece.type,
          text: piece.text,
          startTime: seconds(written),
          endTime: seconds(written + pcm.length),
        });
      writeSync(handles[turn.speaker], pcm);
      writeSync(handles[listener], Buffer.alloc(pcm.length));
      written += pcm.length;
    }
    utterances.push({
      speaker: turn.speaker,
      channel: turn.speaker === 'agent' ? 0 : 1,
      startTime: seconds(start),
      endTime: seconds(written),
      text: turn.pieces
        .map((piece) => piece.text)
        .join(' ')
        .replace(/\s+([,.?!])/g, '$1')
        .replace(/\s+/g, ' ')
        .trim(),
      spans,
    });
    silence(pauseAfter(id, index));
  }
  silence(0.5);
  closeSync(handles.agent);
  closeSync(handles.customer);

  const pcmInput = (path) => ['-f', 's16le', '-ar', String(rate), '-ac', '1', '-i', path];
  const stereo = join(outDir, `${id}.wav`);
  run('ffmpeg', [
    ...['-v', 'error', '-y', ...pcmInput(channels.agent), ...pcmInput(channels.customer)],
    ...['-filter_complex', '[0:a][1:a]join=inputs=2:channel_layout=stereo[call]', '-map', '[call]'],
    ...['-c:a', 'pcm_s16le', stereo],
  ]);
  if (options.mono)
    run('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      stereo,
      '-af',
      'pan=mono|c0=c0+c1',
      join(outDir, `${id}.mono.wav`),
    ]);
  for (const format of formats)
    run('ffmpeg', ['-v', 'error', '-y', '-i', stereo, join(outDir, `${id}.${format}`)]);

  const truth = {
    id,
    title: dialogue.title,
    expect: dialogue.expect,
    duration: seconds(written),
    channels: 2,
    sampleRate: rate,
    voices: dialogue.voices,
    utterances,
  };
  writeFileSync(join(outDir, `${id}.truth.json`), `${JSON.stringify(truth, null, 2)}\n`);
  return truth;
}

mkdirSync(options.out, { recursive: true });
for (const file of readdirSync(options.in)
  .filter((name) => name.endsWith('.txt'))
  .sort()) {
  const id = basename(file, '.txt');
  const work = mkdtempSync(join(tmpdir(), 'parley-make-calls-'));
  try {
    const truth = render(id, readDialogue(join(options.in, file)), options.out, work);
    console.log(`${id}: ${truth.duration.toFixed(1)} s, ${truth.utterances.length} utterances`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
