import { PermanentTranscriptionError } from '../../transcription.errors';
import { AudioTrack, Recognition, TranscriptionEngine } from '../transcription-engine';
import { moonshineModelDir, verifyModelFiles } from './model-files';
import { MoonshinePool } from './moonshine-pool';

export interface MoonshineOptions {
  /** MODELS_DIR: the pinned model is in its moonshine-tiny/ folder. */
  modelsDir: string;
  /** Tracks recognised at once by this process: one worker thread (and one copy of the model) each. */
  concurrency: number;
  /** onnxruntime threads of one inference. */
  threads: number;
  /** Longest one track may take once a thread has started on it. */
  timeoutMs: number;
}

/**
 * The default embedded engine: Moonshine tiny (English, MIT) through onnxruntime-node, in worker threads. Each
 * channel is cut into utterances by Silero VAD as it streams, each utterance decoded with its token probabilities
 * (the sentence confidence), and words placed on the utterance's voiced time. Moonshine writes cased, punctuated
 * text with digits ("My number is 555 0134.").
 */
export class MoonshineEngine implements TranscriptionEngine {
  readonly name = 'moonshine' as const;
  readonly sampleRate = 16000;
  /** A normal low-pass resampler: Moonshine hears 8 kHz calls well once upsampled cleanly (bench/asr). */
  readonly imageNarrowBand = false;
  readonly trackEncoding = 's16le' as const;
  private readonly pool: MoonshinePool;
  private prepared: Promise<void> | null = null;

  constructor(private readonly options: MoonshineOptions) {
    this.pool = new MoonshinePool({
      modelDir: moonshineModelDir(options.modelsDir),
      threads: options.threads,
      size: options.concurrency,
    });
  }

  /** Only English: Moonshine tiny is an English model. */
  supports(language: string): boolean {
    return /^en(\b|[-_])/i.test(language);
  }

  /**
   * Verifies the model files and loads the model in every thread. The worker calls it at start, so a missing or
   * corrupt model stops the process with the fix in the message instead of failing jobs; transcribe() calls it too.
   */
  prepare(): Promise<void> {
    this.prepared ??= verifyModelFiles(moonshineModelDir(this.options.modelsDir)).then(() =>
      this.pool.start(),
    );
    // A failed attempt is not kept: the next call tries again (the operator may have fetched the model meanwhile).
    this.prepared.catch(() => (this.prepared = null));
    return this.prepared;
  }

  async transcribe(track: AudioTrack, signal?: AbortSignal): Promise<Recognition> {
    if (!this.supports(track.language))
      throw new PermanentTranscriptionError(
        `The moonshine engine recognises English only, not "${track.language}"`,
      );
    await this.prepare().catch((error: unknown) => {
      throw new PermanentTranscriptionError(error instanceof Error ? error.message : String(error), {
        cause: error,
      });
    });
    const { words } = await this.pool.transcribe(track.path, this.options.timeoutMs, signal);
    return { words, language: 'en-US' };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
