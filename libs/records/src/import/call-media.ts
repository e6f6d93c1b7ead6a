import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectAudio } from '../audio/inspect-audio';
import type { AudioMask } from '../record.entity';
import type { StorageDriver } from '../storage/storage-driver';
import { ReceivedFile, receiveToTemp } from '../uploads/receive-to-temp';
import { buildTimeline, maskSpansFromPoints, parseCallTime } from './media-timeline';

/** A media file of a call as an import describes it (Genesys media file descriptor, or Parley's own). */
export interface CallMediaFile {
  mediaId: string;
  startTime?: string | null;
  stopTime?: string | null;
  type?: string | null;
  /** Points `{ time, type: paused|resume }`, or spans `{ startTime, stopTime }` (ISO times or seconds into the file). */
  masks?: Array<{ time?: string; type?: string; startTime?: string; stopTime?: string }>;
}

export const isAudioMedia = (media: Pick<CallMediaFile, 'type'>) =>
  !media.type || /audio|call|recording/i.test(media.type);

/** Seconds from the media's start: ISO times are taken relative to it, numbers are seconds already. */
function offsetInFile(value: string | undefined, fileStartMs: number): number {
  if (value === undefined) return NaN;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  return (parseCallTime(value) - fileStartMs) / 1000;
}

/** The masked spans of one file on the call's timeline, whichever way the import gave them. */
function masksOnTimeline(
  media: CallMediaFile,
  fileStartMs: number,
  fileSeconds: number,
  timelineStartMs: number,
): AudioMask[] {
  const masks = media.masks ?? [];
  const shift = (fileStartMs - timelineStartMs) / 1000;
  const points = masks.filter((mask) => mask.time !== undefined && mask.type !== undefined);
  const fromPoints = points.length
    ? maskSpansFromPoints(
        points as Array<{ time: string; type: string }>,
        { startMs: fileStartMs, stopMs: fileStartMs + fileSeconds * 1000 },
        timelineStartMs,
      )
    : [];
  const fromSpans = masks
    .filter((mask) => mask.startTime !== undefined && mask.stopTime !== undefined)
    .map((mask) => ({
      startTime: offsetInFile(mask.startTime, fileStartMs) + shift,
      endTime: offsetInFile(mask.stopTime, fileStartMs) + shift,
    }))
    .filter(
      (span) =>
        Number.isFinite(span.startTime) && Number.isFinite(span.endTime) && span.endTime > span.startTime,
    );
  return [...fromPoints, ...fromSpans].sort((a, b) => a.startTime - b.startTime);
}

/**
 * The audio of a call recorded as several media files: each fetched (by `fetch`), laid on one timeline in
 * `startTime` order (a file without one starts the call), and joined into one file in which the masks of every
 * file are silent (their spans returned on that timeline). A single unmasked file at the start is used as it is. The pieces are removed; the caller owns the result.
 */
export async function gatherCallAudio(
  storage: StorageDriver,
  mediaFiles: CallMediaFile[],
  fetch: (media: CallMediaFile, index: number) => Promise<ReceivedFile>,
  maxBytes: number,
): Promise<{ file: ReceivedFile; masks: AudioMask[]; startedAt: number | null }> {
  const audio = mediaFiles.filter(isAudioMedia);
  const fetched: Array<{
    media: CallMediaFile;
    file: ReceivedFile;
    startMs: number;
    seconds: number;
    channels: number;
  }> = [];
  try {
    for (const [index, media] of audio.entries()) {
      const file = await fetch(media, mediaFiles.indexOf(media));
      fetched.push({ media, file, startMs: parseCallTime(media.startTime), seconds: 0, channels: 1 });
      const facts = await inspectAudio(file.localPath, file.sizeBytes, file.head);
      Object.assign(fetched[index], { seconds: facts.duration, channels: facts.channels });
    }
    const starts = fetched.map((piece) => piece.startMs).filter(Number.isFinite);
    const timelineStartMs = starts.length ? Math.min(...starts) : 0;
    const startOf = (piece: (typeof fetched)[number]) =>
      Number.isFinite(piece.startMs) ? piece.startMs : timelineStartMs;
    const masks = fetched.flatMap((piece) =>
      masksOnTimeline(piece.media, startOf(piece), piece.seconds, timelineStartMs),
    );
    const startedAt = starts.length ? timelineStartMs : null;
    if (fetched.length === 1 && startOf(fetched[0]) === timelineStartMs && masks.length === 0) {
      const [only] = fetched.splice(0, 1);
      return { file: only.file, masks, startedAt };
    }
    const work = await mkdtemp(join(tmpdir(), 'parley-import-'));
    try {
      const output = join(work, 'call.flac');
      await buildTimeline(
        fetched.map((piece) => ({
          path: piece.file.localPath,
          offsetSeconds: (startOf(piece) - timelineStartMs) / 1000,
          channels: piece.channels,
        })),
        output,
        masks,
      );
      return { file: await receiveToTemp(storage, createReadStream(output), maxBytes), masks, startedAt };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  } finally {
    for (const piece of fetched) await storage.discardTemp(piece.file.tempKey).catch(() => undefined);
  }
}
