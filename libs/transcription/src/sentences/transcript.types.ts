export const SPEAKER_ROLES = ['agent', 'customer', 'unknown'] as const;
export type SpeakerRole = (typeof SPEAKER_ROLES)[number];

export interface Speaker {
  speakerId: string;
  speakerLabel: string;
  role: SpeakerRole;
}

/** One sentence (or turn) of one speaker; times in seconds from the start of the recording. */
export interface Sentence {
  speakerId: string;
  startTime: number;
  endTime: number;
  text: string;
  /** Mean word confidence, 0..1. */
  confidence: number;
}

/** What a transcription produces and a transcript stores. */
export interface TranscriptionResult {
  engine: string;
  language: string;
  speakers: Speaker[];
  sentences: Sentence[];
  /** Seconds of audio. */
  duration: number;
}
