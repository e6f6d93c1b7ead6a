import { AudioFormat, AudioProbeError, probeAudio } from '@app/transcription';
import { unsupportedMedia } from '../records.errors';
import { readFileHead } from '../storage/local-temp-area';
import { detectAudioFormat, MAGIC_BYTES } from './detect-format';

/** What Parley records about an accepted audio file. */
export interface AudioFacts {
  format: AudioFormat;
  codec: string;
  duration: number;
  channels: number;
  sampleRate: number;
  sizeBytes: number;
}

/** Reads the first bytes of a file (for callers that did not watch the stream go by). */
export const readHead = (path: string, length = MAGIC_BYTES): Promise<Buffer> => readFileHead(path, length);

/**
 * Accepts a file only when its magic numbers name one of the five formats AND ffprobe reads the same format with
 * an audio stream and a duration. Anything else is UNSUPPORTED_MEDIA (415); the caller removes the file.
 */
export async function inspectAudio(path: string, sizeBytes: number, head?: Buffer): Promise<AudioFacts> {
  if (sizeBytes === 0) throw unsupportedMedia('The file is empty');
  const claimed = detectAudioFormat(head ?? (await readHead(path)));
  if (!claimed) throw unsupportedMedia('The file is not WAV, MP3, OGG, FLAC or M4A audio');
  if (claimed === 'wav') assertWavComplete(head ?? (await readHead(path, 8)), sizeBytes);
  let probed;
  try {
    probed = await probeAudio(path);
  } catch (error) {
    if (error instanceof AudioProbeError) throw unsupportedMedia(`The file is not readable audio`);
    throw error;
  }
  if (probed.format !== claimed)
    throw unsupportedMedia(`The file starts like ${claimed} but does not decode as ${claimed}`);
  if (!(probed.duration > 0)) throw unsupportedMedia('The file holds no audio');
  return {
    format: claimed,
    codec: probed.codec,
    duration: Math.round(probed.duration * 1000) / 1000,
    channels: probed.channels,
    sampleRate: probed.sampleRate,
    sizeBytes,
  };
}

/** ffprobe happily reads a WAV cut short; the RIFF size says how long it should be. */
function assertWavComplete(head: Buffer, sizeBytes: number): void {
  if (head.length < 8) throw unsupportedMedia('The file is truncated');
  const riffSize = head.readUInt32LE(4);
  // Streaming writers leave the size unset (0 or 0xFFFFFFFF); only a real size can prove a cut.
  if (riffSize === 0 || riffSize === 0xffffffff) return;
  if (riffSize + 8 > sizeBytes) throw unsupportedMedia('The file is truncated');
}
