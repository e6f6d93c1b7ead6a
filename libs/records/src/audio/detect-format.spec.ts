import { detectAudioFormat } from './detect-format';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))),
  );

describe('detectAudioFormat', () => {
  it.each([
    ['wav', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')],
    ['ogg', bytes('OggS', [0, 2, 0, 0, 0, 0, 0, 0])],
    ['flac', bytes('fLaC', [0, 0, 0, 0x22, 0, 0, 0, 0])],
    ['m4a', bytes([0, 0, 0, 0x20], 'ftypM4A ', [0, 0])],
    ['mp3', bytes('ID3', [4, 0, 0, 0, 0, 0, 0, 0, 0])],
    ['mp3', bytes([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0, 0, 0, 0, 0])],
  ])('recognises %s by its first bytes', (format, head) => {
    expect(detectAudioFormat(head)).toBe(format);
  });

  it.each([
    ['a text file', bytes('hello world, this is not audio')],
    ['a PNG image', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])],
    ['an AVI in a RIFF container', bytes('RIFF', [0, 0, 0, 0], 'AVI LIST')],
    ['a video mp4 brand', bytes([0, 0, 0, 0x20], 'ftypqt  ', [0, 0])],
    ['nothing', bytes()],
    ['a lone 0xFF', bytes([0xff])],
  ])('refuses %s', (_what, head) => {
    expect(detectAudioFormat(head)).toBeNull();
  });
});
