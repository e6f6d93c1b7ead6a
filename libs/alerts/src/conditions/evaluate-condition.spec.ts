import { AlertFacts, buildAlertFacts, MAX_TRANSCRIPT_CHARS } from './alert-facts';
import { Condition } from './condition';
import { evaluateCondition } from './evaluate-condition';

const facts = (overrides: Partial<AlertFacts> = {}): AlertFacts => ({
  qualityScore: 62,
  complianceStatus: 'failed',
  sentiment: 'NEGATIVE',
  sentimentScore: -0.4,
  duration: 342.5,
  direction: 'IN',
  tags: ['billing', 'VIP'],
  transcript:
    'Hello, thanks for calling.\nI want to CANCEL my subscription, it is a scam.\nI can help with a refund.',
  metrics: { interruptions: 4, agentTalkShare: 0.72 },
  categories: { greeting: 40, closing: 90 },
  ...overrides,
});

const matched = (condition: Condition, input = facts()) => evaluateCondition(condition, input);

describe('evaluateCondition', () => {
  it.each([
    ['lt', 70, true],
    ['lt', 62, false],
    ['lte', 62, true],
    ['gt', 61.9, true],
    ['gt', 62, false],
    ['gte', 62, true],
    ['eq', 62, true],
    ['eq', 63, false],
    ['neq', 63, true],
    ['neq', 62, false],
  ] as const)('compares numbers with %s %s → %s', (operator, value, expected) => {
    expect(matched({ field: 'qualityScore', operator, value }).matched).toBe(expected);
  });

  it('reports the record value of the leaf that matched', () => {
    expect(matched({ field: 'qualityScore', operator: 'lt', value: 70 })).toEqual({
      matched: true,
      leaf: { field: 'qualityScore', value: 62 },
    });
  });

  it('compares a number against a list with in', () => {
    expect(matched({ field: 'metrics.interruptions', operator: 'in', value: [3, 4] }).matched).toBe(true);
    expect(matched({ field: 'metrics.interruptions', operator: 'in', value: [1, 2] }).matched).toBe(false);
  });

  it('reads metrics.<name> and categories.<name>', () => {
    expect(matched({ field: 'metrics.agentTalkShare', operator: 'gt', value: 0.7 })).toEqual({
      matched: true,
      leaf: { field: 'metrics.agentTalkShare', value: 0.72 },
    });
    expect(matched({ field: 'categories.greeting', operator: 'lt', value: 50 }).matched).toBe(true);
    expect(matched({ field: 'categories.closing', operator: 'lt', value: 50 }).matched).toBe(false);
  });

  it('compares words with eq, neq and in', () => {
    expect(matched({ field: 'complianceStatus', operator: 'eq', value: 'failed' }).matched).toBe(true);
    expect(matched({ field: 'sentiment', operator: 'neq', value: 'NEGATIVE' }).matched).toBe(false);
    expect(matched({ field: 'direction', operator: 'in', value: ['OUT', 'IN'] })).toEqual({
      matched: true,
      leaf: { field: 'direction', value: 'IN' },
    });
  });

  it('never matches a value the record lacks, not even with neq', () => {
    const bare = facts({ qualityScore: null, complianceStatus: null, metrics: {}, categories: {} });
    expect(matched({ field: 'qualityScore', operator: 'neq', value: 10 }, bare).matched).toBe(false);
    expect(matched({ field: 'complianceStatus', operator: 'neq', value: 'passed' }, bare).matched).toBe(
      false,
    );
    expect(matched({ field: 'metrics.interruptions', operator: 'gte', value: 0 }, bare).matched).toBe(false);
    expect(matched({ field: 'categories.greeting', operator: 'lt', value: 100 }, bare).matched).toBe(false);
  });

  it('finds tags case-insensitively and reports the tag as stored', () => {
    expect(matched({ field: 'tags', operator: 'contains', value: 'vip' })).toEqual({
      matched: true,
      leaf: { field: 'tags', value: 'VIP' },
    });
    expect(matched({ field: 'tags', operator: 'in', value: ['churn', 'billing'] }).matched).toBe(true);
    expect(matched({ field: 'tags', operator: 'contains', value: 'churn' }).matched).toBe(false);
    expect(matched({ field: 'tags', operator: 'contains', value: 'bill' }).matched).toBe(false);
  });

  it('finds a phrase in the transcript case-insensitively and reports the text as said', () => {
    expect(matched({ field: 'transcript', operator: 'contains', value: 'cancel my' })).toEqual({
      matched: true,
      leaf: { field: 'transcript', value: 'CANCEL my' },
    });
    expect(matched({ field: 'transcript', operator: 'contains', value: 'lawyer' }).matched).toBe(false);
  });

  it('matches the transcript against a pattern and reports the match', () => {
    expect(matched({ field: 'transcript', operator: 'matches', value: '\\b(scam|fraud)\\b' })).toEqual({
      matched: true,
      leaf: { field: 'transcript', value: 'scam' },
    });
    expect(matched({ field: 'transcript', operator: 'matches', value: '^refund' }).matched).toBe(false);
  });

  it('needs every part of all and reports the first part', () => {
    const condition: Condition = {
      all: [
        { field: 'sentiment', operator: 'eq', value: 'NEGATIVE' },
        { field: 'transcript', operator: 'contains', value: 'refund' },
      ],
    };
    expect(matched(condition)).toEqual({ matched: true, leaf: { field: 'sentiment', value: 'NEGATIVE' } });
    expect(matched(condition, facts({ sentiment: 'POSITIVE' })).matched).toBe(false);
    expect(matched(condition, facts({ transcript: 'all good' })).matched).toBe(false);
  });

  it('needs one part of any and reports the first part that matched', () => {
    const condition: Condition = {
      any: [
        { field: 'qualityScore', operator: 'lt', value: 50 },
        { field: 'direction', operator: 'eq', value: 'IN' },
        { field: 'tags', operator: 'contains', value: 'billing' },
      ],
    };
    expect(matched(condition)).toEqual({ matched: true, leaf: { field: 'direction', value: 'IN' } });
    expect(matched(condition, facts({ direction: 'OUT', tags: [] })).matched).toBe(false);
  });

  it('evaluates nested groups', () => {
    const condition: Condition = {
      all: [
        {
          any: [
            { field: 'qualityScore', operator: 'lt', value: 50 },
            { field: 'complianceStatus', operator: 'eq', value: 'failed' },
          ],
        },
        {
          any: [
            { field: 'duration', operator: 'gt', value: 600 },
            { field: 'metrics.interruptions', operator: 'gte', value: 3 },
          ],
        },
      ],
    };
    expect(matched(condition)).toEqual({
      matched: true,
      leaf: { field: 'complianceStatus', value: 'failed' },
    });
    expect(matched(condition, facts({ metrics: { interruptions: 1 } })).matched).toBe(false);
  });
});

describe('buildAlertFacts', () => {
  it('flattens a record, its analysis and transcript', () => {
    const built = buildAlertFacts(
      { duration: 120, direction: 'OUT', tags: [{ value: 'billing' }, 'vip'] },
      {
        qualityScore: 87,
        complianceStatus: 'passed',
        sentiment: { label: 'POSITIVE', score: 0.42 },
        metrics: { interruptions: 2, agentTalkShare: 0.6 },
        categories: { greeting: 95 },
      },
      { sentences: [{ text: 'Hello.' }, { text: 'Goodbye.' }] },
    );
    expect(built).toEqual({
      qualityScore: 87,
      complianceStatus: 'passed',
      sentiment: 'POSITIVE',
      sentimentScore: 0.42,
      duration: 120,
      direction: 'OUT',
      tags: ['billing', 'vip'],
      transcript: 'Hello.\nGoodbye.',
      metrics: { interruptions: 2, agentTalkShare: 0.6 },
      categories: { greeting: 95 },
    });
  });

  it('leaves what is missing empty or null', () => {
    expect(buildAlertFacts({}, null, null)).toEqual({
      qualityScore: null,
      complianceStatus: null,
      sentiment: null,
      sentimentScore: null,
      duration: null,
      direction: null,
      tags: [],
      transcript: '',
      metrics: {},
      categories: {},
    });
  });

  it('caps the transcript text', () => {
    const sentence = { text: 'x'.repeat(100_000) };
    const built = buildAlertFacts({}, null, { sentences: Array.from({ length: 10 }, () => sentence) });
    expect(built.transcript.length).toBe(MAX_TRANSCRIPT_CHARS);
  });
});
