import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AudioProbeError, probeAudio } from './probe-audio';

// ffprobe is a real binary; these generate tiny files with ffmpeg rather than isolating it.
describe('probeAudio', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-probe-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const tone = (name: string, extra: string[] = []) => {
    const path = join(dir, name);
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=1.5:sample_rate=8000',
      '-ac',
      '2',
      ...extra,
      path,
    ]);
    return path;
  };

  it.each([
    ['a.wav', 'wav', 'pcm_s16le'],
    ['a.mp3', 'mp3', 'mp3'],
    ['a.ogg', 'ogg', 'vorbis'],
    ['a.flac', 'flac', 'flac'],
    ['a.m4a', 'm4a', 'aac'],
  ])('reads %s as %s', async (name, format, codec) => {
    const info = await probeAudio(tone(name));
    expect(info.format).toBe(format);
    expect(info.codec).toBe(codec);
    expect(info.channels).toBe(2);
    expect(info.sampleRate).toBe(8000);
    expect(info.duration).toBeGreaterThan(1.4);
    expect(info.duration).toBeLessThan(1.7);
  });

  it('refuses a file that is not audio', async () => {
    const path = join(dir, 'fake.wav');
    writeFileSync(path, 'RIFF this is not really a wave file');
    await expect(probeAudio(path)).rejects.toBeInstanceOf(AudioProbeError);
  });
});
