/** Who a speaker is in the call; stereo calls know it from the channel, mono calls may not. */
export type SpeakerRole = 'agent' | 'customer' | 'unknown';

export interface TranscriptSpeaker {
  speakerId: string;
  speakerLabel: string;
  role: SpeakerRole;
}

/** One timed utterance; times are seconds from the start of the call. */
export interface TranscriptSentence {
  speakerId: string;
  startTime: number;
  endTime: number;
  text: string;
  /** 0..1 as the speech engine reports it (1 for typed transcripts). */
  confidence: number;
}

/** What the analysis reads: the same shape libs/transcription produces. */
export interface Transcript {
  language: string;
  speakers: TranscriptSpeaker[];
  sentences: TranscriptSentence[];
  /** Length of the call in seconds (audio duration, or the last timestamp for typed transcripts). */
  duration: number;
}
