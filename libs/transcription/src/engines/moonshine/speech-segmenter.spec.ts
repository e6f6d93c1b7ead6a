import { SpeechSegment, SpeechSegmenter } from './speech-segmenter';

const FRAME = 512;
const RATE = 16000;
const FRAME_SECONDS = FRAME / RATE;

/** Feeds frames whose speech probabilities are given, each frame's samples all equal to its index (to trace audio). */
function run(probabilities: number[]): SpeechSegment[] {
  const segmenter = new SpeechSegmenter({
    padSeconds: 0.2,
    minSilenceSeconds: 0.5,
    maxSegmentSeconds: 20,
    searchSeconds: 5,
  });
  const segments: SpeechSegment[] = [];
  probabilities.forEach((probability, index) => {
    segments.push(...segmenter.push(new Float32Array(FRAME).fill(index), probability));
  });
  segments.push(...segmenter.finish());
  return segments;
}
const frames = (seconds: number) => Math.round(seconds / FRAME_SECONDS);
const repeat = (value: number, seconds: number) => Array<number>(frames(seconds)).fill(value);

describe('SpeechSegmenter', () => {
  it('finds no segment in silence, and drops a click shorter than the minimum speech', () => {
    expect(run(repeat(0.01, 5))).toEqual([]);
    expect(run([...repeat(0.01, 2), ...repeat(0.9, 0.1), ...repeat(0.01, 2)])).toEqual([]);
  });

  it('cuts two utterances apart at a pause, with padding before and after each', () => {
    const segments = run([
      ...repeat(0, 1),
      ...repeat(0.9, 2),
      ...repeat(0, 1),
      ...repeat(0.9, 1.5),
      ...repeat(0, 1),
    ]);
    expect(segments).toHaveLength(2);
    const [first, second] = segments;
    // Speech from 1.0 to 3.0 s, padded by 0.2 s each side (to the frame).
    expect(first.start).toBeCloseTo(0.8, 1);
    expect(first.end).toBeCloseTo(3.2, 1);
    expect(second.start).toBeCloseTo(3.8, 1);
    expect(second.end).toBeCloseTo(5.7, 1);
    // The audio is exactly the frames of the span, in order.
    expect(first.audio.length).toBe(Math.round((first.end - first.start) * RATE));
    expect(first.audio[0]).toBe(Math.round(first.start / FRAME_SECONDS));
    expect(first.voiced.length).toBe(first.audio.length / FRAME);
    expect(first.voiced.filter(Boolean).length).toBe(frames(2));
  });

  it('keeps speech together across a pause shorter than the minimum silence and a dip between the thresholds', () => {
    const segments = run([
      ...repeat(0.9, 1),
      ...repeat(0.1, 0.3),
      ...repeat(0.9, 1),
      ...repeat(0.4, 0.8),
      ...repeat(0.9, 1),
      ...repeat(0, 1),
    ]);
    expect(segments).toHaveLength(1);
    expect(segments[0].end).toBeCloseTo(4.3, 1);
  });

  it('cuts speech longer than the limit at its quietest frame, losing no audio', () => {
    // 50 s of speech with a breath (0.3) every 3 s: three or more segments, none over 20 s, contiguous.
    const probabilities = Array.from({ length: frames(50) }, (_, index) =>
      index % frames(3) === 0 ? 0.3 : 0.9,
    );
    const segments = run([...probabilities, ...repeat(0, 1)]);
    expect(segments.length).toBeGreaterThanOrEqual(3);
    for (const segment of segments) expect(segment.end - segment.start).toBeLessThanOrEqual(20.001);
    for (let index = 1; index < segments.length; index++)
      expect(segments[index].start).toBeCloseTo(segments[index - 1].end, 5);
    // A cut lands on a breath, not inside a word.
    const cut = Math.round(segments[0].end / FRAME_SECONDS);
    expect(probabilities[cut]).toBe(0.3);
  });

  it('closes speech that runs to the end of the track', () => {
    const segments = run([...repeat(0, 1), ...repeat(0.9, 1)]);
    expect(segments).toHaveLength(1);
    expect(segments[0].end).toBeCloseTo(2, 1);
  });
});
