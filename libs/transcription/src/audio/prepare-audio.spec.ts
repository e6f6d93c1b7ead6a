import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareAudio } from './prepare-audio';

/** What lies in the upper band: the track after a high-pass at 5 kHz. */
const UPPER_BAND = 'highpass=f=5000:poles=2,highpass=f=5000:poles=2';

/** Mean level (dBFS) of a file after `filters`; about -91 when every sample is zero. */
const meanLevel = (path: string, filters?: string) => {
  const chain = filters ? `${filters},volumedetect` : 'volumedetect';
  const { stderr } = spawnSync('ffmpeg', ['-hide_banner', '-i', path, '-af', chain, '-f', 'null', '-'], {
    encoding: 'utf8',
  });
  return Number(/mean_volume: (-?[\d.]+|-inf) dB/.exec(stderr)?.[1] ?? -Infinity);
};

// Real ffmpeg: 1 kHz sines per channel, prepared for a 16 kHz recogniser.
describe('prepareAudio', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-prepare-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const stereoTone = (sampleRate: number) => {
    const path = join(dir, `tone-${sampleRate}.wav`);
    const sine = `sine=frequency=1000:duration=2:sample_rate=${sampleRate}`;
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', sine, '-ac', '2', path]);
    return path;
  };

  /** Two seconds of a 1 kHz sine per channel at these amplitudes (1 = full scale). */
  const stereoSine = (left: number, right: number) => {
    const path = join(dir, `sine-${left}-${right}.wav`);
    const sine = (amplitude: number) => `${amplitude}*sin(2*PI*1000*t)`;
    const source = `aevalsrc=${sine(left)}|${sine(right)}:s=16000:d=2`;
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', source, '-c:a', 'pcm_s16le', path]);
    return path;
  };

  /** Prepares a stereo file as two 16 kHz tracks and measures each after `filters`. */
  const trackLevels = async (path: string, filters?: string, sourceSampleRate?: number) => {
    const prepared = await prepareAudio({
      path,
      channels: 2,
      split: true,
      sampleRate: 16000,
      ...(sourceSampleRate ? { narrowBandImage: { sourceSampleRate } } : {}),
      timeoutMs: 30_000,
    });
    const levels = prepared.tracks.map((track) => meanLevel(track.path, filters));
    expect(prepared.tracks.map((track) => [track.channel, track.sampleRate])).toEqual([
      [0, 16000],
      [1, 16000],
    ]);
    await prepared.dispose();
    return levels;
  };

  const upperBandLevels = (sourceRate: number, image: boolean) =>
    trackLevels(stereoTone(sourceRate), UPPER_BAND, image ? sourceRate : undefined);

  it('keeps the image of narrow-band speech in the upper band when asked', async () => {
    const imaged = await upperBandLevels(8000, true);
    const filtered = await upperBandLevels(8000, false);
    for (const level of imaged) expect(level).toBeGreaterThan(-45);
    for (const level of filtered) expect(level).toBeLessThan(-70);
  });

  it("mutes a channel that carries only a faint leak of the other's voice, and keeps a quiet voice", async () => {
    // A voice at -23 dBFS RMS on the left; on the right a codec's leak of it at -77 dBFS, or a quiet voice at -49.
    const [voice, leak] = await trackLevels(stereoSine(0.1, 0.0002));
    expect(voice).toBeCloseTo(-23, 0);
    expect(leak).toBeLessThan(-85);
    const [, quiet] = await trackLevels(stereoSine(0.1, 0.005));
    expect(quiet).toBeCloseTo(-49, 0);
  });

  it('leaves wide-band audio as the normal resampler makes it', async () => {
    const levels = await upperBandLevels(12000, true);
    for (const level of levels) expect(level).toBeLessThan(-70);
  });
});
