import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermanentTranscriptionError, TransientTranscriptionError } from '../transcription.errors';
import { AudioMask, maskFilter } from './masks';
import { TrackEncoding } from '../engines/transcription-engine';
import { runProcess } from './run-process';

export interface PreparedTrack {
  /** Source channel, or 0 for a mono mix. */
  channel: number;
  path: string;
  sampleRate: number;
}

export interface PreparedAudio {
  dir: string;
  tracks: PreparedTrack[];
  /** Removes the temporary folder and every track in it; safe to call twice. */
  dispose(): Promise<void>;
}

export interface PrepareAudioInput {
  path: string;
  /** Channels of the source; 2 or more with `split` gives one track per channel (the first two). */
  channels: number;
  split: boolean;
  sampleRate: number;
  /** 16-bit PCM as WAV files (default) or raw samples without a header (`s16le`, read as a stream by moonshine). */
  encoding?: TrackEncoding;
  /**
   * With the source's rate at 8 kHz or less and `sampleRate` above it: resample with ffmpeg's shortest filter
   * (filter_size=0), which leaves the image of the 0-4 kHz speech in the 4-8 kHz band (14 dB down) instead of
   * filtering it out. A model trained on wide-band speech then finds energy where it expects some.
   */
  narrowBandImage?: { sourceSampleRate: number };
  masks?: readonly AudioMask[];
  timeoutMs: number;
  signal?: AbortSignal;
  /** Parent of the temporary folder (the system temp folder by default). */
  tempRoot?: string;
}

/** Telephone audio: 8 kHz sampling, speech up to 4 kHz. */
const NARROW_BAND_MAX_RATE = 8000;

/**
 * Mutes a track wherever it stays below -66 dBFS, far under any voice on a call. Lossy stereo codecs (Vorbis, joint
 * stereo MP3) leak a faint copy of one side into the other; a recogniser normalises levels, hears words in that
 * leak and gives them to the wrong speaker (Ogg calls of the corpus: "of" on the silent customer channel, at about
 * -75 dBFS) and loses words of its own speaker after it: corpus WER of Ogg calls 21.4% → 14.1% at 16 kHz (bench/asr).
 * A gate at -60 dBFS also cut into the quiet ends of 8 kHz words (WAV WER 26.3% → 28.1%); at -66 it does not.
 */
export const INAUDIBLE_GATE = 'agate=threshold=0.0005:range=0.001:ratio=9000:attack=5:release=100';

/** The ffmpeg arguments for one decode pass that writes every track (16-bit PCM mono) at once. */
export function prepareArguments(input: Omit<PrepareAudioInput, 'timeoutMs' | 'signal'>, dir: string) {
  const mask = maskFilter(input.masks ?? []);
  const head = `[0:a:0]${mask ? `${mask},` : ''}`;
  const imaging =
    input.narrowBandImage !== undefined &&
    input.narrowBandImage.sourceSampleRate <= NARROW_BAND_MAX_RATE &&
    input.sampleRate > input.narrowBandImage.sourceSampleRate;
  const resampler = imaging ? ':filter_size=0:phase_shift=0' : '';
  const toTrack = `${INAUDIBLE_GATE},aresample=${input.sampleRate}${resampler},aformat=sample_fmts=s16:channel_layouts=mono`;
  const splitting = input.split && input.channels >= 2;
  const graph = splitting
    ? `${head}asplit=2[a0][a1];[a0]pan=mono|c0=c0,${toTrack}[o0];[a1]pan=mono|c0=c1,${toTrack}[o1]`
    : `${head}${toTrack}[o0]`;
  const outputs = splitting ? [0, 1] : [0];
  const args = ['-nostdin', '-hide_banner', '-v', 'error', '-y', '-i', input.path, '-filter_complex', graph];
  const tracks: PreparedTrack[] = [];
  const raw = input.encoding === 's16le';
  for (const channel of outputs) {
    const path = join(dir, `channel-${channel}.${raw ? 'pcm' : 'wav'}`);
    args.push('-map', `[o${channel}]`, '-c:a', 'pcm_s16le', '-f', raw ? 's16le' : 'wav', path);
    tracks.push({ channel, path, sampleRate: input.sampleRate });
  }
  return { args, tracks };
}

/**
 * Decodes any format ffmpeg reads, silences masked spans, resamples and splits channels into WAV tracks in a
 * temporary folder. ffmpeg streams from file to file: no audio passes through this process. The caller owns the
 * result and must call dispose(); on failure nothing is left behind.
 */
export async function prepareAudio(input: PrepareAudioInput): Promise<PreparedAudio> {
  const dir = await mkdtemp(join(input.tempRoot ?? tmpdir(), 'parley-asr-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    const { args, tracks } = prepareArguments(input, dir);
    const result = await runProcess('ffmpeg', args, { timeoutMs: input.timeoutMs, signal: input.signal });
    if (result.aborted) throw new TransientTranscriptionError('Audio preparation was cancelled');
    if (result.timedOut)
      throw new TransientTranscriptionError(`Audio preparation took longer than ${input.timeoutMs / 1000} s`);
    if (result.code !== 0) {
      const reason = lastLine(result.stderrTail) || `ffmpeg exited with ${result.code ?? result.signal}`;
      throw new PermanentTranscriptionError(`The audio could not be decoded: ${reason}`);
    }
    return { dir, tracks, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  // ffmpeg prefixes its messages with the input path; the path says nothing to a user and may reveal the layout.
  return (lines[lines.length - 1] ?? '').replace(/^[^:]*\/[^:]*:\s*/, '').slice(0, 300);
}
