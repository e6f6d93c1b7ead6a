import { DEFAULT_PROFILE } from '../scorecard/default-profile';
import { syntheticCall } from '../testing/synthetic-call';
import { transcriptOf } from '../testing/transcript-builder';
import { computeAnalysis } from './analyze-transcript';

const billing = transcriptOf([
  [
    'A',
    0.5,
    9,
    'Thank you for calling Acme support. This call may be recorded. My name is John, how can I help?',
  ],
  ['C', 9.5, 14, 'Hi John. I was charged twice on my last bill and I would like a refund please.'],
  ['A', 14.5, 20, 'I am sorry to hear that. Can you confirm your phone number?'],
  ['C', 20.5, 26, 'Sure, it is five five five, one two three, four five six seven.'],
  ['A', 26.5, 33, 'I have issued a refund for the second charge.'],
  ['C', 33.5, 37, 'That is great, thank you so much for your help.'],
  ['A', 37.5, 41, 'Thank you for calling Acme, have a wonderful day.'],
]);

describe('computeAnalysis', () => {
  const result = computeAnalysis(billing, DEFAULT_PROFILE);

  it('produces the api.md analysis for a well-handled call', () => {
    expect(result.complianceStatus).toBe('passed');
    expect(result.qualityScore).toBe(100);
    expect(result.sentiment.label).toBe('POSITIVE');
    expect(result.pii).toEqual([expect.objectContaining({ type: 'PHONE_NUMBER' })]);
    expect(result.engine).toEqual({ sentiment: 'lexicon', summary: 'extractive', metricsVersion: 2 });
    expect(result.metrics.exchanges).toBe(6);
    expect(result.summary).toContain('charged twice');
    expect(result.bookmarks[0]).toEqual({ text: 'Thank you for calling', startTime: 0.5, type: 'phrase' });
    expect(result.keywords).toContain('refund');
  });

  it('never repeats PII outside the redacted sentences', () => {
    const everything = JSON.stringify({ ...result, sentences: undefined });
    expect(everything).not.toMatch(/five five five|5551234567/);
    expect(result.sentences[3].redactedText).toBe('Sure, it is [PHONE_NUMBER].');
    expect(result.sentences).toHaveLength(billing.sentences.length);
  });

  it('keeps sentence insights aligned with unordered input and tolerates broken times', () => {
    const shuffled = {
      ...billing,
      sentences: [billing.sentences[6], { ...billing.sentences[0], endTime: NaN }],
    };
    const out = computeAnalysis(shuffled, DEFAULT_PROFILE);
    expect(out.sentences.map((s) => s.redactedText)).toEqual([
      billing.sentences[6].text,
      billing.sentences[0].text,
    ]);
  });

  it('analyses a one-hour call well under a second', () => {
    const hour = syntheticCall(60);
    computeAnalysis(hour, DEFAULT_PROFILE); // warm the JIT
    // CPU time, not wall time: the machine running the tests may be busy with other work.
    const started = process.cpuUsage();
    const out = computeAnalysis(hour, DEFAULT_PROFILE);
    const used = process.cpuUsage(started);
    const elapsed = (used.user + used.system) / 1000;
    expect(hour.sentences.length).toBeGreaterThan(600);
    expect(out.pii.length).toBeGreaterThan(60);
    // The target is 200 ms (bench/analysis measures it); the test leaves room for a busy CI machine.
    expect(elapsed).toBeLessThan(1000);
  });
});
