import { languageOf, wordsFromVerboseJson } from './openai-response';

describe('wordsFromVerboseJson', () => {
  it('takes word timestamps when the server gives them, with the segment confidence', () => {
    const words = wordsFromVerboseJson({
      text: 'Hello there.',
      words: [
        { word: ' Hello', start: 0.5, end: 0.9 },
        { word: 'there.', start: 1, end: 1.4 },
      ],
      segments: [{ text: 'Hello there.', start: 0.4, end: 1.5, avg_logprob: Math.log(0.8) }],
    });
    expect(words).toEqual([
      { text: 'Hello', start: 0.5, end: 0.9, confidence: 0.8 },
      { text: 'there.', start: 1, end: 1.4, confidence: 0.8 },
    ]);
  });

  it("prefers a word's own probability", () => {
    const [word] = wordsFromVerboseJson({ words: [{ word: 'yes', start: 1, end: 2, probability: 0.42 }] });
    expect(word.confidence).toBe(0.42);
  });

  it('spreads segment text over the segment when there are no word timestamps', () => {
    const words = wordsFromVerboseJson({
      segments: [
        { text: ' ab abcd', start: 2, end: 5, avg_logprob: 0 },
        { text: 'ok', start: 6, end: 7 },
      ],
    });
    expect(words).toEqual([
      { text: 'ab', start: 2, end: 3, confidence: 1 },
      { text: 'abcd', start: 3, end: 5, confidence: 1 },
      { text: 'ok', start: 6, end: 7, confidence: 1 },
    ]);
  });

  it('falls back to the whole text over the duration, and to nothing for silence', () => {
    expect(wordsFromVerboseJson({ text: 'one two', duration: 2 })).toEqual([
      { text: 'one', start: 0, end: 1, confidence: 1 },
      { text: 'two', start: 1, end: 2, confidence: 1 },
    ]);
    expect(wordsFromVerboseJson({ text: '', duration: 6, segments: [] })).toEqual([]);
  });

  it('ignores malformed entries instead of inventing times', () => {
    expect(
      wordsFromVerboseJson({
        words: [
          { word: 'x', start: 3, end: 2 },
          { word: '', start: 1, end: 2 },
        ],
        segments: [],
      }),
    ).toEqual([]);
  });
});

describe('languageOf', () => {
  it('keeps the requested language, else maps the detected name to ISO 639-1', () => {
    expect(languageOf({ language: 'english' }, 'en-US')).toBe('en-US');
    expect(languageOf({ language: 'German' }, undefined)).toBe('de');
    expect(languageOf({}, undefined)).toBe('und');
  });
});
