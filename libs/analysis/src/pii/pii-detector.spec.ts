import { transcriptOf } from '../testing/transcript-builder';
import { classifyDigits, detectPii } from './pii-detector';

describe('detectPii', () => {
  it('finds a spoken card number split over utterances and redacts each part', () => {
    const result = detectPii(
      transcriptOf([
        ['A', 0, 3, 'Can I have the card number please?'],
        ['C', 4, 8, 'It is four one one one, one one one one,'],
        ['C', 8.5, 12, 'one one one one, one one one one.'],
        ['A', 13, 15, 'Thank you.'],
      ]),
    );
    expect(result.spans).toHaveLength(1);
    expect(result.spans[0].type).toBe('CREDIT_CARD');
    expect(result.spans[0].startTime).toBeGreaterThan(4);
    expect(result.spans[0].startTime).toBeLessThan(6);
    expect(result.spans[0].endTime).toBeGreaterThan(11);
    expect(result.redactedTexts).toEqual([
      'Can I have the card number please?',
      'It is [CREDIT_CARD],',
      '[CREDIT_CARD].',
      'Thank you.',
    ]);
  });

  it('finds spoken and written email addresses', () => {
    const result = detectPii(
      transcriptOf([
        ['C', 0, 4, 'To jane dot doe at example dot com.'],
        ['C', 10, 14, 'Or mail j.smith@example.co.uk instead.'],
      ]),
    );
    expect(result.spans.map((span) => span.type)).toEqual(['EMAIL', 'EMAIL']);
    expect(result.redactedTexts).toEqual(['To [EMAIL].', 'Or mail [EMAIL] instead.']);
  });

  it('finds phone numbers spoken in groups, with "oh" for zero', () => {
    const result = detectPii(
      transcriptOf([['C', 0, 5, 'Sure, it is five five five, oh one two, four five six seven.']]),
    );
    expect(result.spans).toEqual([{ type: 'PHONE_NUMBER', startTime: expect.any(Number), endTime: 5 }]);
    expect(result.redactedTexts[0]).toBe('Sure, it is [PHONE_NUMBER].');
  });

  it('does not take an interjection "oh" into a phone number', () => {
    const result = detectPii(
      transcriptOf([['C', 0, 5, 'Oh five five five one two three four five six seven.']]),
    );
    expect(result.redactedTexts[0]).toBe('Oh [PHONE_NUMBER].');
  });

  it('finds a social security number by its grouping or the question before it', () => {
    const written = detectPii(transcriptOf([['C', 0, 3, 'It is 123-45-6789.']]));
    expect(written.spans[0].type).toBe('SSN');
    const spoken = detectPii(
      transcriptOf([
        ['A', 0, 3, 'What is your social security number?'],
        ['C', 4, 8, 'one two three four five six seven eight nine'],
      ]),
    );
    expect(spoken.spans.map((span) => span.type)).toEqual(['SSN']);
  });

  it('leaves ordinary numbers and "at" alone', () => {
    const result = detectPii(
      transcriptOf([
        ['A', 0, 5, 'I can see two charges of forty dollars on the third of March.'],
        ['A', 5, 9, 'You will see it in three to five business days, at the latest.'],
        ['C', 10, 12, 'Twelve twenty eight.'],
      ]),
    );
    expect(result.spans).toEqual([]);
    expect(result.redactedTexts[2]).toBe('Twelve twenty eight.');
  });
});

describe('classifyDigits', () => {
  const run = (digits: string) => ({ digits, pieces: [] });
  it('uses the conversation to type a misheard card number', () => {
    expect(classifyDigits(run('41111111111111'), 'the card number please')).toBe('CREDIT_CARD');
    expect(classifyDigits(run('41111111111111'), 'the order number')).toBeNull();
  });
});
