import { acceptSegment, MIN_SEGMENT_CONFIDENCE, withoutLoop } from './segment-filter';

const words = (text: string) => text.split(' ').map((word) => ({ text: word, confidence: 0.9 }));
const texts = (list: { text: string }[]) => list.map((word) => word.text).join(' ');

describe('segment filter', () => {
  it('drops a segment the decoder was unsure of as a whole, and one with no letters or digits', () => {
    expect(
      acceptSegment({
        words: words('we act support'),
        confidence: MIN_SEGMENT_CONFIDENCE - 0.01,
        truncated: false,
        tokens: 5,
      }),
    ).toEqual([]);
    expect(acceptSegment({ words: words('... ?'), confidence: 0.9, truncated: false, tokens: 5 })).toEqual(
      [],
    );
    expect(
      texts(
        acceptSegment({ words: words('Yes, that is right.'), confidence: 0.8, truncated: false, tokens: 5 }),
      ),
    ).toBe('Yes, that is right.');
  });

  it('keeps one round of a loop that ran out of tokens, and leaves an ended text alone', () => {
    const looping = words('Thank you. Thank you. Thank you. Thank you. Thank you.');
    expect(texts(acceptSegment({ words: looping, confidence: 0.8, truncated: true, tokens: 5 }))).toBe(
      'Thank you.',
    );
    expect(texts(acceptSegment({ words: looping, confidence: 0.8, truncated: false, tokens: 5 }))).toBe(
      texts(looping),
    );
    expect(texts(withoutLoop(words('I said no no no no no')))).toBe('I said no');
    expect(texts(withoutLoop(words('one two three four')))).toBe('one two three four');
  });
});
