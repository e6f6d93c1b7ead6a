export const ENGINE_NAMES = ['moonshine', 'pocketsphinx', 'openai', 'none'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export const isEngineName = (value: unknown): value is EngineName =>
  typeof value === 'string' && (ENGINE_NAMES as readonly string[]).includes(value);

/** One prepared channel (or mono mix): 16-bit PCM mono on disk, as a WAV file or raw (the engine's trackEncoding). */
export type TrackEncoding = 'wav' | 's16le';

export interface AudioTrack {
  path: string;
  sampleRate: number;
  /** BCP 47 tag or ISO 639-1 code the caller expects (e.g. "en", "en-US"); engines may refuse what they lack. */
  language: string;
}

export interface RecognizedWord {
  text: string;
  /** Seconds from the start of the track. */
  start: number;
  end: number;
  /** 0..1 */
  confidence: number;
}

export interface Recognition {
  words: RecognizedWord[];
  language: string;
}

/**
 * A speech-to-text engine. Implementations throw PermanentTranscriptionError when the input can never succeed
 * and TransientTranscriptionError when a retry may help; an aborted signal stops the work and frees its resources.
 */
export interface TranscriptionEngine {
  readonly name: EngineName;
  /** Sample rate the engine wants its tracks in; null when it reads no audio at all (`none`). */
  readonly sampleRate: number | null;
  /**
   * Narrow-band audio (telephony, 8 kHz) brought up to `sampleRate` keeps the mirror image of its speech in the
   * empty upper band instead of silence: for a recogniser whose model was trained on wide-band speech, whose
   * filter bank otherwise reads nothing there (see prepareAudio).
   */
  readonly imageNarrowBand?: boolean;
  /** How the tracks are written: a WAV file (default) or raw little-endian samples with no header. */
  readonly trackEncoding?: TrackEncoding;
  /** Loads what the engine needs (a model) and checks it; a worker calls it at start. */
  prepare?(): Promise<void>;
  /** Frees threads and memory at shutdown. */
  close?(): Promise<void>;
  transcribe(track: AudioTrack, signal?: AbortSignal): Promise<Recognition>;
}
