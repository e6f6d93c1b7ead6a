import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { lineSplitter, runProcess } from '../audio/run-process';
import { PermanentTranscriptionError, TransientTranscriptionError } from '../transcription.errors';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { parsePocketsphinxLine } from './pocketsphinx-output';
import { AudioTrack, Recognition, RecognizedWord, TranscriptionEngine } from './transcription-engine';

export const POCKETSPHINX_BINARY = '/usr/bin/pocketsphinx_continuous';

export interface PocketsphinxOptions {
  /** Folder with en-us/ (acoustic model), en-us.lm.bin and cmudict-en-us.dict (Debian pocketsphinx-en-us). */
  modelDir: string;
  /** Shared by every recognition of the process: pocketsphinx is CPU-bound, one process per core. */
  limiter: ConcurrencyLimiter;
  timeoutMs: number;
  /** Language model and dictionary other than the model folder's own (a domain model). */
  languageModel?: string;
  dictionary?: string;
  /**
   * Rate the tracks are prepared at. The en-us acoustic model is trained on 16 kHz speech; 8000 makes
   * pocketsphinx read narrow-band audio directly (with a matching FFT size) instead of upsampled audio.
   */
  sampleRate?: 16000 | 8000;
  /** Further decoder settings (beam widths, language weight), e.g. { '-beam': '1e-60' }. */
  decoderArgs?: Record<string, string>;
}

/**
 * The embedded offline engine: Debian's pocketsphinx_continuous in a child process per track, with word
 * timings and posterior probabilities read from its `-time yes` output as it streams.
 */
export class PocketsphinxEngine implements TranscriptionEngine {
  readonly name = 'pocketsphinx' as const;
  readonly sampleRate: 16000 | 8000;
  /** Measured on the corpus at 8 kHz (bench/asr): WER 36.6% with filtered upsampling, 26.5% with the image. */
  readonly imageNarrowBand = true;

  constructor(private readonly options: PocketsphinxOptions) {
    this.sampleRate = options.sampleRate ?? 16000;
  }

  /** Only English: Debian ships the en-us model alone. */
  supports(language: string): boolean {
    return /^en(\b|[-_])/i.test(language);
  }

  arguments(track: AudioTrack): string[] {
    const { modelDir } = this.options;
    const settings: Record<string, string> = {
      '-hmm': join(modelDir, 'en-us'),
      '-lm': this.options.languageModel ?? join(modelDir, 'en-us.lm.bin'),
      '-dict': this.options.dictionary ?? join(modelDir, 'cmudict-en-us.dict'),
      '-samprate': String(track.sampleRate),
      // The FFT must cover a 25.6 ms window: 512 points at 16 kHz, 256 at 8 kHz.
      '-nfft': track.sampleRate <= 8000 ? '256' : '512',
      // Spectral noise subtraction costs words on clean channel audio and on upsampled 8 kHz calls, whose band
      // above 4 kHz it mistakes for noise: corpus WER 15.9% → 15.0% at 16 kHz, 38.0% → 37.1% at 8 kHz (bench/asr).
      '-remove_noise': 'no',
      ...this.options.decoderArgs,
      '-time': 'yes',
      '-infile': track.path,
    };
    return Object.entries(settings).flat();
  }

  async transcribe(track: AudioTrack, signal?: AbortSignal): Promise<Recognition> {
    if (!this.supports(track.language))
      throw new PermanentTranscriptionError(
        `The pocketsphinx engine recognises English only, not "${track.language}"`,
      );
    await access(track.path).catch(() => {
      throw new PermanentTranscriptionError('The prepared audio track is missing');
    });
    return this.options.limiter.run(async () => {
      const words: RecognizedWord[] = [];
      const lines = lineSplitter((line) => {
        const word = parsePocketsphinxLine(line);
        if (word) words.push(word);
      });
      const result = await runProcess(POCKETSPHINX_BINARY, this.arguments(track), {
        timeoutMs: this.options.timeoutMs,
        signal,
        onStdout: (chunk) => lines.push(chunk),
      }).catch((error: unknown) => {
        throw new PermanentTranscriptionError('pocketsphinx could not be started (is it installed?)', {
          cause: error,
        });
      });
      lines.end();
      if (result.aborted) throw new TransientTranscriptionError('Recognition was cancelled');
      if (result.timedOut)
        throw new TransientTranscriptionError(
          `Recognition took longer than ${this.options.timeoutMs / 1000} s and was stopped`,
        );
      if (result.code !== 0)
        throw new TransientTranscriptionError(
          `pocketsphinx exited with ${result.code ?? result.signal}: ${lastError(result.stderrTail)}`,
        );
      words.sort((a, b) => a.start - b.start);
      return { words, language: 'en-US' };
    });
  }
}

function lastError(stderr: string): string {
  const errors = stderr.split('\n').filter((line) => /^(ERROR|FATAL)/.test(line));
  return (errors[errors.length - 1] ?? '').slice(0, 300);
}
