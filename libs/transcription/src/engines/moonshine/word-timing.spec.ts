import { placeWords, spokenWeight, voicedSpans } from './word-timing';

const words = (...texts: string[]) => texts.map((text) => ({ text, confidence: 0.9 }));

describe('word timing', () => {
  it('weighs words by their spoken length: digits one by one, syllables by vowel groups', () => {
    expect(spokenWeight('555')).toBeGreaterThan(spokenWeight('five'));
    expect(spokenWeight('refund')).toBeGreaterThan(spokenWeight('a'));
    expect(spokenWeight('&')).toBeGreaterThan(0);
  });

  it('merges voiced frames into spans, bridging short gaps', () => {
    const voiced = [false, true, true, false, true, false, false, false, false, false, true];
    expect(voicedSpans(voiced, 10, 0.032)).toEqual([
      { start: 10.032, end: 10.16 },
      { start: 10.32, end: 10.352 },
    ]);
  });

  it('lays the words in order over the voiced time, skipping a pause between spans', () => {
    const placed = placeWords(
      words('My', 'number', 'is', '555', '0134.'),
      [
        { start: 1, end: 2 },
        { start: 3, end: 5 },
      ],
      { start: 0.8, end: 5.2 },
    );
    expect(placed.map((word) => word.text)).toEqual(['My', 'number', 'is', '555', '0134.']);
    for (const [index, word] of placed.entries()) {
      expect(word.end).toBeGreaterThanOrEqual(word.start);
      if (index > 0) expect(word.start).toBeGreaterThanOrEqual(placed[index - 1].end);
      // No word starts inside the pause.
      expect(word.start >= 2 && word.start < 3).toBe(false);
    }
    expect(placed[0].start).toBe(1);
    expect(placed[placed.length - 1].end).toBe(5);
    // The digits, most of the spoken weight, lie in the second span.
    expect(placed[3].start).toBeGreaterThanOrEqual(3);
  });

  it('uses the whole segment when no frame was voiced, and places nothing for no words', () => {
    const placed = placeWords(words('hello', 'there'), [], { start: 2, end: 3 });
    expect(placed[0].start).toBe(2);
    expect(placed[1].end).toBe(3);
    expect(placeWords([], [{ start: 0, end: 1 }], { start: 0, end: 1 })).toEqual([]);
  });
});
