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

  it('finds an address whose "at" the recogniser lost, when an e-mail address was asked for', () => {
    const result = detectPii(
      transcriptOf([
        ['A', 0, 3, 'Which email address should get the receipt?'],
        ['C', 4, 7, 'Sanditta, Marco.nuisadexample.org.'],
        ['A', 8, 10, 'And your e-mail for the newsletter?'],
        ['C', 11, 14, 'It is ana dot lopez example dot com.'],
      ]),
    );
    expect(result.spans.map((span) => span.type)).toEqual(['EMAIL', 'EMAIL']);
    expect(result.redactedTexts.slice(1, 4)).toEqual([
      'Sanditta, [EMAIL].',
      'And your e-mail for the newsletter?',
      'It is [EMAIL].',
    ]);
  });

  it('times a number written in digits by the length it takes to say, not to write', () => {
    const result = detectPii(
      transcriptOf([
        ['A', 11, 14, 'Which card would you like to use?'],
        // Read out from about 17.1 s to 22 s: sixteen spoken digits after six short words.
        ['C', 15.17, 22.02, 'A visa card, the number is 4916382205711838.'],
      ]),
    );
    expect(result.spans).toHaveLength(1);
    expect(result.spans[0].startTime).toBeLessThan(17.2);
    expect(result.spans[0].endTime).toBeCloseTo(22.02, 1);
  });

  it('leaves a web address alone when nobody asked for an e-mail address', () => {
    const result = detectPii(
      transcriptOf([['A', 0, 4, 'The full terms are on example.com under plan changes.']]),
    );
    expect(result.spans).toEqual([]);
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
