/** A span of the recording, in seconds from its start, that must not be transcribed (a paused recording). */
export interface AudioMask {
  start: number;
  end: number;
}

/** Enough for any real pause/resume history; keeps the ffmpeg expression bounded. */
export const MAX_MASKS = 1000;

/**
 * Valid spans only, sorted, overlaps and touching spans merged; negative starts clamp to 0.
 * Spans that are empty or not finite are dropped: they silence nothing.
 */
export function normalizeMasks(masks: readonly AudioMask[]): AudioMask[] {
  const valid = masks
    .filter((mask) => Number.isFinite(mask.start) && Number.isFinite(mask.end))
    .map((mask) => ({ start: Math.max(0, mask.start), end: mask.end }))
    .filter((mask) => mask.end > mask.start)
    .sort((a, b) => a.start - b.start);
  const merged: AudioMask[] = [];
  for (const mask of valid) {
    const last = merged[merged.length - 1];
    if (last && mask.start <= last.end) last.end = Math.max(last.end, mask.end);
    else merged.push({ ...mask });
  }
  return merged;
}

const seconds = (value: number) => Number(value.toFixed(3)).toString();

/**
 * The ffmpeg audio filter that silences the masked spans and keeps everything else, timeline included (so the
 * words after a mask keep their true times), or null when nothing is masked.
 */
export function maskFilter(masks: readonly AudioMask[]): string | null {
  const spans = normalizeMasks(masks);
  if (spans.length === 0) return null;
  if (spans.length > MAX_MASKS) throw new RangeError(`At most ${MAX_MASKS} masked spans are supported`);
  const enable = spans.map((span) => `between(t,${seconds(span.start)},${seconds(span.end)})`).join('+');
  return `volume=volume=0:enable='${enable}'`;
}

/** True when the middle of [start, end] lies in a masked span: such a word was heard through no mask. */
export function insideMask(spans: readonly AudioMask[], start: number, end: number): boolean {
  const middle = (start + end) / 2;
  return spans.some((span) => middle >= span.start && middle <= span.end);
}
