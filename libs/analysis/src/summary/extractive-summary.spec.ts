import { transcriptOf } from '../testing/transcript-builder';
import { extractiveSummary } from './extractive-summary';

const call = transcriptOf([
  ['A', 0, 4, 'Thank you for calling. How can I help you today?'],
  ['C', 4, 9, 'I was charged twice for my internet bill this month.'],
  ['A', 9, 12, 'Okay.'],
  ['A', 12, 16, 'I can see the double charge on your internet bill.'],
  ['C', 16, 18, 'Great, thanks.'],
  ['A', 18, 24, 'I have issued a refund for the second charge on the bill.'],
  ['C', 24, 26, 'Thank you so much.'],
]);

describe('extractiveSummary', () => {
  it('quotes the reason for the call and the outcome, in order, with who said them', () => {
    expect(extractiveSummary(call, undefined, { maxSentences: 2 })).toBe(
      'Customer: I was charged twice for my internet bill this month. ' +
        'Agent: I have issued a refund for the second charge on the bill.',
    );
  });

  it('skips pleasantries and reads the texts it is given (redacted)', () => {
    const texts = call.sentences.map((s) => s.text.replace('internet bill this month', '[PHONE_NUMBER]'));
    const summary = extractiveSummary(call, texts);
    expect(summary).toContain('[PHONE_NUMBER]');
    expect(summary).not.toContain('Thank you so much');
    expect(summary).not.toContain('Okay');
  });

  it('cuts a long unpunctuated turn and is empty for an empty call', () => {
    const long = transcriptOf([['C', 0, 30, Array.from({ length: 60 }, (_, i) => `refund${i}`).join(' ')]]);
    expect(extractiveSummary(long, undefined, { maxWords: 5 })).toBe(
      'Customer: refund0 refund1 refund2 refund3 refund4…',
    );
    expect(extractiveSummary(transcriptOf([]))).toBe('');
  });
});
