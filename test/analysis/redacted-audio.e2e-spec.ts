import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silenceSpans } from '@app/analysis';
import { audioLevels } from '../support/audio-levels';

/** Mean volume (dB) of a stretch of a file; -91 dB is digital silence. */
const volumeOf = (path: string, from: number, length: number) =>
  audioLevels(path, { from, to: from + length }).meanDb;

describe('silenceSpans (ffmpeg)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-redact-test-'));
  const input = join(dir, 'tone.wav');
  beforeAll(() => {
    // 4 s of a stereo 440 Hz tone at 16 kHz, like a call recording.
    execFileSync('ffmpeg', [
      ...['-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=16000:duration=4'],
      ...['-ac', '2', input],
    ]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('silences exactly the spans and leaves the rest of the audio as it was', async () => {
    const output = join(dir, 'redacted.wav');
    await silenceSpans(input, output, [{ startTime: 1, endTime: 2 }]);
    const before = volumeOf(output, 0.1, 0.8);
    const inside = volumeOf(output, 1.1, 0.8);
    const after = volumeOf(output, 2.1, 0.8);
    expect(inside).toBeLessThan(-90);
    expect(before).toBeGreaterThan(-30);
    expect(after).toBeGreaterThan(-30);
    expect(Math.abs(before - volumeOf(input, 0.1, 0.8))).toBeLessThan(0.5);
  });

  it('writes another format when the output asks for it', async () => {
    const output = join(dir, 'redacted.flac');
    await silenceSpans(input, output, [{ startTime: 0, endTime: 0.5 }]);
    expect(volumeOf(output, 0.05, 0.4)).toBeLessThan(-90);
  });

  it('fails cleanly on a file that is not audio and leaves no output behind', async () => {
    const output = join(dir, 'broken-out.wav');
    const notAudio = join(dir, 'not-audio.wav');
    writeFileSync(notAudio, 'hello');
    await expect(silenceSpans(notAudio, output, [{ startTime: 0, endTime: 1 }])).rejects.toThrow(
      'ffmpeg failed',
    );
    expect(existsSync(output)).toBe(false);
  });
});
