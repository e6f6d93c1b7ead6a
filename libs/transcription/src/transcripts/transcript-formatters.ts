import { Sentence, Speaker } from '../sentences/transcript.types';

export interface FormattableTranscript {
  speakers: readonly Speaker[];
  sentences: readonly Sentence[];
}

export const TRANSCRIPT_FORMATS = ['txt', 'srt', 'vtt'] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

export const TRANSCRIPT_CONTENT_TYPES: Record<TranscriptFormat, string> = {
  txt: 'text/plain; charset=utf-8',
  srt: 'application/x-subrip; charset=utf-8',
  vtt: 'text/vtt; charset=utf-8',
};

const labels = (transcript: FormattableTranscript) =>
  new Map(transcript.speakers.map((speaker) => [speaker.speakerId, speaker.speakerLabel]));
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** h:mm:ss.mmm parts of a time in seconds (never negative). */
function clock(seconds: number) {
  const ms = Math.round(Math.max(0, seconds) * 1000);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return {
    hh: pad(Math.floor(ms / 3_600_000)),
    mm: pad(Math.floor(ms / 60_000) % 60),
    ss: pad(Math.floor(ms / 1000) % 60),
    ms: pad(ms % 1000, 3),
  };
}

const srtTime = (seconds: number) => {
  const t = clock(seconds);
  return `${t.hh}:${t.mm}:${t.ss},${t.ms}`;
};
const vttTime = (seconds: number) => {
  const t = clock(seconds);
  return `${t.hh}:${t.mm}:${t.ss}.${t.ms}`;
};

// A cue must last; a zero-length or inverted span (a one-word sentence) would be dropped by players.
const cueEnd = (sentence: Sentence) => Math.max(sentence.endTime, sentence.startTime + 0.001);

/** Plain text, a line per sentence: `[hh:mm:ss] Agent: text`. */
export function toText(transcript: FormattableTranscript): string {
  const names = labels(transcript);
  return transcript.sentences
    .map((sentence) => {
      const t = clock(sentence.startTime);
      const who = names.get(sentence.speakerId) ?? sentence.speakerId;
      return `[${t.hh}:${t.mm}:${t.ss}] ${who}: ${oneLine(sentence.text)}\n`;
    })
    .join('');
}

/** SubRip subtitles, a numbered cue per sentence, the speaker's label before the text. */
export function toSrt(transcript: FormattableTranscript): string {
  const names = labels(transcript);
  return transcript.sentences
    .map((sentence, index) => {
      const who = names.get(sentence.speakerId) ?? sentence.speakerId;
      return `${index + 1}\n${srtTime(sentence.startTime)} --> ${srtTime(cueEnd(sentence))}\n${who}: ${oneLine(sentence.text)}\n\n`;
    })
    .join('');
}

const escapeVtt = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** WebVTT with voice spans (`<v Agent>`), so players can show or style who speaks. */
export function toVtt(transcript: FormattableTranscript): string {
  const names = labels(transcript);
  const cues = transcript.sentences.map((sentence) => {
    const who = escapeVtt(oneLine(names.get(sentence.speakerId) ?? sentence.speakerId));
    return `${vttTime(sentence.startTime)} --> ${vttTime(cueEnd(sentence))}\n<v ${who}>${escapeVtt(oneLine(sentence.text))}\n\n`;
  });
  return `WEBVTT\n\n${cues.join('')}`;
}

export function formatTranscript(transcript: FormattableTranscript, format: TranscriptFormat): string {
  switch (format) {
    case 'txt':
      return toText(transcript);
    case 'srt':
      return toSrt(transcript);
    case 'vtt':
      return toVtt(transcript);
    default: {
      const unknown: never = format;
      throw new Error(`unknown transcript format ${String(unknown)}`);
    }
  }
}
