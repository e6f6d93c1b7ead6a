import { uuidOf } from '@app/core';
import type { RecordView } from '@app/records';

type Party = { fullName?: string | null; phoneNumber?: string | null } | null;

/** Imagicle's party: both strings, empty when unknown. */
const party = (value: Party) => ({ fullName: value?.fullName ?? '', phoneNumber: value?.phoneNumber ?? '' });

/** Imagicle knows IN and OUT; anything else (internal calls, no direction given) is UNKNOWN. */
const direction = (value: string | null) => (value === 'IN' || value === 'OUT' ? value : 'UNKNOWN');

export const imagicleTag = (tag: { id: string; value: string }) => ({ id: uuidOf(tag.id), value: tag.value });

/** A Recording of Recordings.v1 (seed 000). Ids of records stay Parley's; tag ids are UUIDs as the document says. */
export function imagicleRecording(record: RecordView) {
  const sentiment = record.analysisResult.sentiment;
  return {
    id: record.id,
    ownerId: record.ownerId,
    direction: direction(record.direction),
    from: party(record.from),
    to: party(record.to),
    date: record.date,
    analysisResult: {
      // Before analysis there is no score to give: 0 with sentiment UNKNOWN.
      score: record.analysisResult.score ?? 0,
      sentiment: sentiment ?? 'UNKNOWN',
      status: record.analysisResult.status,
    },
    channels: record.channels,
    duration: record.duration,
    tags: record.tags.map(imagicleTag),
    // Parley records calls, not video.
    video: { status: 'NONE' as const },
    hasNotes: record.hasNotes,
  };
}

export const imagicleNote = (note: {
  noteId: string;
  authorUserId: string | null;
  noteText: string;
  createdAt: string;
  lastModified: string;
}) => ({
  noteId: uuidOf(note.noteId),
  authorUserId: note.authorUserId ? uuidOf(note.authorUserId) : null,
  noteText: note.noteText,
  createdAt: note.createdAt,
  lastModified: note.lastModified,
});

export function imagicleTranscription(view: {
  speakers: Array<{ speakerId: string; speakerLabel: string }>;
  sentences: Array<{ speakerId: string; startTime: number; endTime: number; text: string }>;
}) {
  return {
    speakers: view.speakers.map(({ speakerId, speakerLabel }) => ({ speakerId, speakerLabel })),
    sentences: view.sentences.map(({ speakerId, startTime, endTime, text }) => ({
      speakerId,
      startTime,
      endTime,
      text,
    })),
  };
}
