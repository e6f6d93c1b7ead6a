import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What Parley records about an audio file, as ffprobe reports it. */
export interface AudioInfo {
  /** Container format as Parley names it: wav, mp3, ogg, flac or m4a; null for anything else. */
  format: AudioFormat | null;
  /** ffprobe's own format name (e.g. "mov,mp4,m4a,3gp,3g2,mj2"). */
  formatName: string;
  codec: string;
  duration: number;
  channels: number;
  sampleRate: number;
  bitRate: number | null;
}

export const AUDIO_FORMATS = ['wav', 'mp3', 'ogg', 'flac', 'm4a'] as const;
export type AudioFormat = (typeof AUDIO_FORMATS)[number];

export const AUDIO_CONTENT_TYPES: Record<AudioFormat, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  flac: 'audio/flac',
  m4a: 'audio/mp4',
};

export class AudioProbeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AudioProbeError';
  }
}

const FORMAT_BY_FFPROBE: Array<[RegExp, AudioFormat]> = [
  [/^wav$/, 'wav'],
  [/^mp3$/, 'mp3'],
  [/^ogg$/, 'ogg'],
  [/^flac$/, 'flac'],
  [/(^|,)(mov|mp4|m4a)(,|$)/, 'm4a'],
];

interface FfprobeOutput {
  format?: { format_name?: string; duration?: string; bit_rate?: string };
  streams?: Array<{
    codec_type?: string;
    codec_name?: string;
    channels?: number;
    sample_rate?: string;
    duration?: string;
  }>;
}

/**
 * Probes a file with ffprobe (a child process reading the file; nothing is loaded here). Throws AudioProbeError
 * when ffprobe cannot read it or it holds no audio stream.
 */
export async function probeAudio(path: string, timeoutMs = 30_000): Promise<AudioInfo> {
  let stdout: string;
  try {
    ({ stdout } = await run(
      'ffprobe',
      ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-i', path],
      { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 },
    ));
  } catch {
    throw new AudioProbeError('The file is not readable audio');
  }
  const parsed = JSON.parse(stdout) as FfprobeOutput;
  const audio = parsed.streams?.find((stream) => stream.codec_type === 'audio');
  if (!audio || !parsed.format) throw new AudioProbeError('The file has no audio stream');
  const formatName = parsed.format.format_name ?? '';
  const duration = Number(parsed.format.duration ?? audio.duration ?? NaN);
  if (!Number.isFinite(duration) || duration < 0)
    throw new AudioProbeError('The audio has no readable duration');
  return {
    format: FORMAT_BY_FFPROBE.find(([pattern]) => pattern.test(formatName))?.[1] ?? null,
    formatName,
    codec: audio.codec_name ?? 'unknown',
    duration,
    channels: audio.channels ?? 1,
    sampleRate: Number(audio.sample_rate ?? 0),
    bitRate: parsed.format.bit_rate ? Number(parsed.format.bit_rate) : null,
  };
}
