/** One stretch of speech cut from a track, with its audio and which of its frames the detector heard voice in. */
export interface SpeechSegment {
  /** Seconds from the start of the track. */
  start: number;
  end: number;
  /** The samples from `start` to `end`. */
  audio: Float32Array;
  /** One flag per frame of `audio` (the last frame may be partial): speech probability at or above the threshold. */
  voiced: boolean[];
}

export interface SegmenterOptions {
  sampleRate: number;
  /** Samples per detector frame (Silero: 512 at 16 kHz). */
  frameSize: number;
  /** A frame at or above this probability is speech; speech starts on such a frame. */
  threshold: number;
  /** Speech ends only after the probability stays below this (hysteresis) for `minSilenceSeconds`. */
  negativeThreshold: number;
  minSilenceSeconds: number;
  /** Shorter speech than this is dropped (a click, a breath). */
  minSpeechSeconds: number;
  /** Audio kept before the first and after the last speech frame: the recogniser needs the onset and the tail. */
  padSeconds: number;
  /**
   * Longest segment. Moonshine is trained on utterances of up to about 30 s and its cost grows with length; a longer
   * stretch is cut at its quietest frame within the last `searchSeconds` before the limit.
   */
  maxSegmentSeconds: number;
  searchSeconds: number;
}

/**
 * Chosen on the corpus at 16 kHz and as 8 kHz μ-law (bench/asr/engines.mjs): padding of 0.4 s rather than 0.2 s
 * (WER 8.0% → 7.6%; 0.6 s was worse, 8.3%), segments of up to 28 s rather than 20 s (long monologues cut less
 * often: 7.6% → 7.1%). Shorter silences (0.3 s) helped at 16 kHz and hurt at 8 kHz, so 0.5 s stays.
 */
export const DEFAULT_SEGMENTER_OPTIONS: SegmenterOptions = {
  sampleRate: 16000,
  frameSize: 512,
  threshold: 0.5,
  negativeThreshold: 0.35,
  minSilenceSeconds: 0.5,
  minSpeechSeconds: 0.25,
  padSeconds: 0.4,
  maxSegmentSeconds: 28,
  searchSeconds: 5,
};

/**
 * Cuts a track into speech segments as its frames arrive, holding only the current segment's audio (plus the short
 * padding before it), so that a two-hour channel never sits in memory. Feed every frame with its speech
 * probability; `finish()` closes what is open at the end of the track.
 */
export class SpeechSegmenter {
  private readonly options: SegmenterOptions;
  /** Recent frames not yet in a segment, kept for the padding before the next speech. */
  private preroll: { audio: Float32Array; probability: number }[] = [];
  /** Frames of the open segment: from the padding before its first speech frame up to the newest frame. */
  private open: { audio: Float32Array; probability: number }[] | null = null;
  /** Index (in `open`) of the newest speech frame. */
  private lastSpeech = -1;
  /** Frame number of the first frame in `open` (or of the newest frame in `preroll` + 1 when closed). */
  private firstFrame = 0;
  private framesSeen = 0;

  constructor(options: Partial<SegmenterOptions> = {}) {
    this.options = { ...DEFAULT_SEGMENTER_OPTIONS, ...options };
  }

  private get frameSeconds(): number {
    return this.options.frameSize / this.options.sampleRate;
  }

  private frames(seconds: number): number {
    return Math.max(1, Math.round(seconds / this.frameSeconds));
  }

  /** Adds one frame (copied); returns the segments it closed, usually none. */
  push(frame: Float32Array, probability: number): SpeechSegment[] {
    const item = { audio: Float32Array.from(frame), probability };
    const frameNumber = this.framesSeen++;
    const closed: SpeechSegment[] = [];
    const { threshold, negativeThreshold } = this.options;
    if (!this.open) {
      if (probability >= threshold) {
        this.open = [...this.preroll, item];
        this.firstFrame = frameNumber - this.preroll.length;
        this.lastSpeech = this.open.length - 1;
        this.preroll = [];
      } else {
        this.preroll.push(item);
        if (this.preroll.length > this.frames(this.options.padSeconds)) this.preroll.shift();
      }
      return closed;
    }
    this.open.push(item);
    if (probability >= negativeThreshold) {
      if (probability >= threshold || this.open.length - 1 - this.lastSpeech <= 1)
        this.lastSpeech = this.open.length - 1;
    }
    const silentFrames = this.open.length - 1 - this.lastSpeech;
    if (silentFrames >= this.frames(this.options.minSilenceSeconds)) {
      closed.push(...this.close(this.lastSpeech + 1 + this.frames(this.options.padSeconds)));
    } else if (this.open.length >= this.frames(this.options.maxSegmentSeconds)) {
      closed.push(...this.close(this.quietestCut(), true));
    }
    return closed;
  }

  /** Closes the open segment at the end of the track. */
  finish(): SpeechSegment[] {
    if (!this.open) return [];
    return this.close(Math.min(this.open.length, this.lastSpeech + 1 + this.frames(this.options.padSeconds)));
  }

  /**
   * The frame to cut an over-long segment before: the lowest speech probability in the last `searchSeconds`
   * (a breath between words), so that a word is rarely split in two.
   */
  private quietestCut(): number {
    const open = this.open!;
    const from = Math.max(1, open.length - this.frames(this.options.searchSeconds));
    let best = open.length;
    let bestProbability = Infinity;
    for (let index = from; index < open.length; index++) {
      if (open[index].probability < bestProbability) {
        bestProbability = open[index].probability;
        best = index;
      }
    }
    return best;
  }

  /**
   * Emits open[0, cut) as a segment when it holds enough speech. With `continues` the rest stays open as the next
   * segment (the speech goes on); otherwise the frames after the cut become the padding before the next speech.
   */
  private close(cut: number, continues = false): SpeechSegment[] {
    const open = this.open!;
    const end = Math.min(cut, open.length);
    const taken = open.slice(0, end);
    const rest = open.slice(end);
    const start = this.firstFrame;
    this.firstFrame += end;
    if (continues && rest.length > 0) {
      this.open = rest;
      this.lastSpeech = Math.max(0, this.lastSpeech - end);
    } else {
      this.open = null;
      this.lastSpeech = -1;
      this.preroll = rest.slice(-this.frames(this.options.padSeconds));
    }
    const voiced = taken.map((frame) => frame.probability >= this.options.threshold);
    if (voiced.filter(Boolean).length < this.frames(this.options.minSpeechSeconds)) return [];
    const audio = new Float32Array(taken.reduce((sum, frame) => sum + frame.audio.length, 0));
    let offset = 0;
    for (const frame of taken) {
      audio.set(frame.audio, offset);
      offset += frame.audio.length;
    }
    const startSeconds = start * this.frameSeconds;
    return [
      { start: startSeconds, end: startSeconds + audio.length / this.options.sampleRate, audio, voiced },
    ];
  }
}
