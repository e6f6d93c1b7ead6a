import { transcriptOf } from '../testing/transcript-builder';
import { extractKeywords } from './keywords';

describe('extractKeywords', () => {
  const call = transcriptOf([
    ['C', 0, 4, 'My order arrived broken. I want to speak to a supervisor.'],
    ['A', 4, 8, 'I am sorry. I can send a replacement today.'],
    ['C', 8, 12, 'I already got two replacements. I want a supervisor now.'],
    ['A', 12, 16, 'Please hold while I transfer you to my supervisor.'],
  ]);

  it('returns repeated content words with their first mention, most frequent first', () => {
    expect(extractKeywords(call)).toEqual([
      { keyword: 'supervisor', startTime: 0 },
      { keyword: 'replacement', startTime: 4 },
    ]);
  });

  it('adds tracked terms said only once, and ignores tracked terms never said', () => {
    const keywords = extractKeywords(call, undefined, { tracked: ['Transfer', 'competitor'] });
    expect(keywords.map((k) => k.keyword)).toEqual(['supervisor', 'replacement', 'transfer']);
  });

  it('prefers a repeated phrase over its words and never returns PII placeholders', () => {
    const billing = transcriptOf([
      ['C', 0, 4, 'There is a double charge on my card, [CREDIT_CARD].'],
      ['A', 4, 8, 'I see the double charge, [CREDIT_CARD].'],
    ]);
    expect(extractKeywords(billing).map((k) => k.keyword)).toEqual(['double charge']);
  });
});
