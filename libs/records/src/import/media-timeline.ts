import { spawn } from 'node:child_process';
import type { AudioMask } from '../record.entity';

/** An ISO time; one without a zone (Genesys sends "2015-06-15T23:59:00.000") is read as UTC. */
export function parseCallTime(value: string | undefined | null): number {
  if (!value) return NaN;
  const zoned = /([zZ]|[+-]\d{2}:?\d{2})$/.test(value.trim()) ? value.trim() : `${value.trim()}Z`;
  return Date.parse(zoned);
}

/** A media file of a call placed on the call's timeline. */
export interface TimelinePiece {
  path: string;
  /** Seconds from the start of the call (the earliest media file's start). */
  offsetSeconds: number;
  channels: number;
}

/** Pause and resume points of a recording (Genesys `masks`): `{ time, type: "paused" | "resume" }`. */
export interface MaskPoint {
  time: string;
  type: string;
}

/**
 * The masked spans of one media file, in seconds of the call's timeline: from each `paused` to the next `resume`
 * after it, or to the media file's end when none follows (a resume timed before its pause, as in Genesys' own
 * sample, leaves the rest of the file masked: erring towards silence). Points outside the file are clipped to it.
 */
export function maskSpansFromPoints(
  points: MaskPoint[],
  media: { startMs: number; stopMs: number },
  timelineStartMs: number,
): AudioMask[] {
  const timed = points
    .map((point) => ({ at: parseCallTime(point.time), type: point.type.toLowerCase() }))
    .filter((point) => Number.isFinite(point.at))
    .sort((a, b) => a.at - b.at);
  const spans: AudioMask[] = [];
  const toTimeline = (ms: number) =>
    Math.round((Math.min(Math.max(ms, media.startMs), media.stopMs) - timelineStartMs) / 10) / 100;
  let pausedAt: number | null = null;
  for (const point of timed) {
    if (point.type === 'paused' && pausedAt === null) pausedAt = point.at;
    else if (point.type === 'resume' && pausedAt !== null) {
      spans.push({ startTime: toTimeline(pausedAt), endTime: toTimeline(point.at) });
      pausedAt = null;
    }
  }
  if (pausedAt !== null) spans.push({ startTime: toTimeline(pausedAt), endTime: toTimeline(media.stopMs) });
  return spans.filter((span) => span.endTime > span.startTime);
}

/**
 * Lays the media files of one call on a single timeline (each delayed to its offset, overlaps mixed), silences the
 * masked stretches, and writes it as FLAC: the call Parley transcribes, in the order and at the times the files were recorded. The output has the
 * most channels of any piece (a stereo call keeps agent and customer apart).
 */
export function buildTimeline(
  pieces: TimelinePiece[],
  output: string,
  silenced: AudioMask[] = [],
): Promise<void> {
  const channels = Math.max(...pieces.map((piece) => piece.channels));
  const layout = channels >= 2 ? 'stereo' : 'mono';
  const chains = pieces.map((piece, index) => {
    const delayMs = Math.max(0, Math.round(piece.offsetSeconds * 1000));
    return `[${index}:a]aformat=channel_layouts=${layout},adelay=${delayMs}:all=1[p${index}]`;
  });
  // Masked (paused) stretches are silent in the call itself, as a paused recording is: nobody can play them back.
  const silence = silenced
    .map((mask) => `,volume=0:enable='between(t,${mask.startTime},${mask.endTime})'`)
    .join('');
  const mix = `${pieces.map((_, index) => `[p${index}]`).join('')}amix=inputs=${pieces.length}:duration=longest:normalize=0${silence}[call]`;
  const args = [
    ...['-nostdin', '-v', 'error', '-y'],
    ...pieces.flatMap((piece) => ['-i', piece.path]),
    ...['-filter_complex', [...chains, mix].join(';'), '-map', '[call]', '-c:a', 'flac', output],
  ];
  return new Promise((resolve, reject) => {
    const ffmpeg = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    ffmpeg.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    ffmpeg.on('error', reject);
    ffmpeg.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`ffmpeg could not join the media files: ${stderr.trim()}`)),
    );
  });
}
