import type { AudioFormat } from '@app/transcription';

/** How many leading bytes `detectAudioFormat` needs. */
export const MAGIC_BYTES = 12;

const M4A_BRANDS = new Set(['M4A ', 'M4B ', 'mp42', 'mp41', 'isom', 'iso2', 'dash']);

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  Buffer.from(bytes.subarray(start, start + length)).toString('latin1');

/**
 * The audio container the first bytes announce (magic numbers), or null. The name and the Content-Type a client
 * sends are never trusted; ffprobe confirms afterwards that the whole file really is that format.
 */
export function detectAudioFormat(head: Uint8Array): AudioFormat | null {
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WAVE') return 'wav';
  if (head.length >= 4 && ascii(head, 0, 4) === 'OggS') return 'ogg';
  if (head.length >= 4 && ascii(head, 0, 4) === 'fLaC') return 'flac';
  if (head.length >= 12 && ascii(head, 4, 4) === 'ftyp' && M4A_BRANDS.has(ascii(head, 8, 4))) return 'm4a';
  if (head.length >= 3 && ascii(head, 0, 3) === 'ID3') return 'mp3';
  // MPEG audio frame sync: 11 set bits, then a version other than "reserved" and layer III.
  if (head.length >= 2 && head[0] === 0xff && (head[1] & 0xe0) === 0xe0) {
    const version = (head[1] >> 3) & 0x03;
    const layer = (head[1] >> 1) & 0x03;
    if (version !== 0x01 && layer === 0x01) return 'mp3';
  }
  return null;
}
