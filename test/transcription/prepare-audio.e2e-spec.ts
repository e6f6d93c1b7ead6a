import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermanentTranscriptionError, prepareAudio, probeAudio } from '@app/transcription';
import { Corpus, loadCorpus } from '../support/corpus';

/** Loudest sample of a span of a file, in dBFS, as ffmpeg's volumedetect reports it (on stderr). */
function maxVolumeOf(path: string, start: number, end: number): number {
  const { stderr } = spawnSync(
    'ffmpeg',
    ['-hide_banner', '-nostdin', '-i', path, '-af', `atrim=${start}:${end},volumedetect`, '-f', 'null', '-'],
    { encoding: 'utf8' },
  );
  const match = /max_volume: (-?[\d.]+) dB/.exec(stderr);
  if (!match) throw new Error(`volumedetect gave no figure for ${path}`);
  return Number(match[1]);
}

describe('audio preparation with ffmpeg', () => {
  let corpus: Corpus;
  let tempRoot: string;

  beforeAll(() => {
    corpus = loadCorpus();
    tempRoot = mkdtempSync(join(tmpdir(), 'parley-prepare-test-'));
  });
  afterAll(() => rmSync(tempRoot, { recursive: true, force: true }));

  it('splits a stereo call into 16 kHz mono PCM tracks per channel, silences masks and keeps the timeline', async () => {
    const id = 'billing-refund';
    const truth = corpus.truth(id);
    const [agentFirst, customerFirst] = truth.utterances;
    const mask = { start: agentFirst.startTime, end: agentFirst.endTime };
    const prepared = await prepareAudio({
      path: corpus.file(id, 'm4a'),
      channels: 2,
      split: true,
      sampleRate: 16000,
      masks: [mask],
      timeoutMs: 60_000,
      tempRoot,
    });
    try {
      expect(prepared.tracks.map((t) => t.channel)).toEqual([0, 1]);
      for (const track of prepared.tracks) {
        const info = await probeAudio(track.path);
        expect(info).toMatchObject({ format: 'wav', codec: 'pcm_s16le', channels: 1, sampleRate: 16000 });
        expect(Math.abs(info.duration - truth.duration)).toBeLessThan(0.1); // AAC priming adds a few ms
      }
      const [agent, customer] = prepared.tracks.map((t) => t.path);
      // The masked agent utterance is digital silence; the agent's next one and the customer are not.
      expect(maxVolumeOf(agent, mask.start + 0.05, mask.end - 0.05)).toBeLessThanOrEqual(-90); // -91 dB: all zeros
      const agentNext = truth.utterances.find((u) => u.channel === 0 && u.startTime > mask.end)!;
      expect(maxVolumeOf(agent, agentNext.startTime, agentNext.endTime)).toBeGreaterThan(-30);
      expect(maxVolumeOf(customer, customerFirst.startTime, customerFirst.endTime)).toBeGreaterThan(-30);
      // Channels are really apart: the customer track is quiet while only the agent speaks (outside the mask).
      expect(maxVolumeOf(customer, agentNext.startTime + 0.1, agentNext.endTime - 0.1)).toBeLessThan(-50);
    } finally {
      await prepared.dispose();
    }
    expect(existsSync(prepared.dir)).toBe(false);
  });

  it('mixes a stereo call down to one track when not splitting, resampling 8 kHz up to what the engine wants', async () => {
    const narrow = join(tempRoot, 'narrow.wav');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', corpus.file('wrong-number'), '-ar', '8000', narrow]);
    const prepared = await prepareAudio({
      path: narrow,
      channels: 2,
      split: false,
      sampleRate: 16000,
      timeoutMs: 60_000,
      tempRoot,
    });
    try {
      expect(prepared.tracks).toHaveLength(1);
      expect(await probeAudio(prepared.tracks[0].path)).toMatchObject({ channels: 1, sampleRate: 16000 });
    } finally {
      await prepared.dispose();
    }
  });

  it('fails permanently on audio ffmpeg cannot decode and leaves no temporary folder behind', async () => {
    const before = readdirSync(tempRoot).length;
    await expect(
      prepareAudio({
        path: join(tempRoot, 'missing.wav'),
        channels: 1,
        split: false,
        sampleRate: 16000,
        timeoutMs: 60_000,
        tempRoot,
      }),
    ).rejects.toThrow(PermanentTranscriptionError);
    expect(readdirSync(tempRoot)).toHaveLength(before);
  });
});
