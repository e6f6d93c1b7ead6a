import { computeMetrics } from '../metrics/conversation-metrics';
import { transcriptOf } from '../testing/transcript-builder';
import { DEFAULT_PROFILE } from './default-profile';
import type { ScorecardProfile } from './profile';
import { evaluateScorecard } from './scorecard';

const profile: ScorecardProfile = {
  name: 'Test',
  criteria: [
    {
      id: 'greeting',
      category: 'opening',
      description: 'Greets the caller',
      weight: 1,
      compliance: false,
      speaker: 'agent',
      window: { fromStart: 10 },
      phrases: ['thank you for calling'],
    },
    {
      id: 'disclosure',
      category: 'compliance',
      description: 'Discloses recording',
      improvement: 'Say that the call may be recorded',
      weight: 3,
      compliance: true,
      speaker: 'agent',
      window: { fromStart: 30 },
      phrases: ['this call may be recorded'],
    },
    {
      id: 'polite',
      category: 'opening',
      description: 'Stays polite',
      weight: 1,
      compliance: false,
      speaker: 'agent',
      forbiddenPhrases: ['calm down'],
    },
    {
      id: 'pace',
      category: 'delivery',
      description: 'Short turns',
      weight: 1,
      compliance: false,
      speaker: 'agent',
      metric: { name: 'longestMonologue', operator: 'lte', value: 20 },
    },
    {
      id: 'closing',
      category: 'closing',
      description: 'Closes politely',
      weight: 2,
      compliance: false,
      speaker: 'agent',
      window: { beforeEnd: 10 },
      phrases: ['have a nice day'],
    },
  ],
};

const score = (lines: Parameters<typeof transcriptOf>[0], p = profile) => {
  const transcript = transcriptOf(lines, 120);
  return evaluateScorecard(p, { transcript, metrics: computeMetrics(transcript) });
};

describe('evaluateScorecard', () => {
  it('passes every criterion of a well-run call and quotes the evidence', () => {
    const outcome = score([
      ['A', 0, 5, 'Thank you for calling Acme. This call may be recorded.'],
      ['C', 5, 8, 'Hi, I need help.'],
      ['A', 8, 15, 'Sure, done. Have a nice day!'],
    ]);
    expect(outcome.qualityScore).toBe(100);
    expect(outcome.complianceStatus).toBe('passed');
    expect(outcome.improvements).toEqual([]);
    expect(outcome.criteria.find((c) => c.id === 'disclosure')?.evidence).toEqual({
      startTime: 0,
      text: 'This call may be recorded',
    });
  });

  it('fails compliance when the disclosure is missing or outside its window', () => {
    const outcome = score([
      ['A', 0, 5, 'Thank you for calling Acme.'],
      ['A', 40, 45, 'By the way, this call may be recorded.'],
      ['A', 46, 50, 'Have a nice day.'],
    ]);
    expect(outcome.complianceStatus).toBe('failed');
    // disclosure carries 3 of the 8 weight points
    expect(outcome.qualityScore).toBe(63);
    expect(outcome.categories).toEqual({ opening: 100, compliance: 0, delivery: 100, closing: 100 });
    expect(outcome.improvements).toEqual(['Say that the call may be recorded']);
  });

  it('only counts phrases said by the criterion speaker', () => {
    const outcome = score([
      ['C', 0, 5, 'Thank you for calling me back. This call may be recorded?'],
      ['A', 5, 10, 'Have a nice day.'],
    ]);
    expect(outcome.criteria.filter((c) => !c.passed).map((c) => c.id)).toEqual(['greeting', 'disclosure']);
  });

  it('fails on a forbidden phrase and on a metric over its threshold, saying why', () => {
    const outcome = score([
      ['A', 0, 30, 'Thank you for calling. This call may be recorded. Please calm down sir.'],
      ['A', 31, 35, 'Have a nice day.'],
    ]);
    expect(outcome.criteria.find((c) => c.id === 'polite')).toMatchObject({
      passed: false,
      evidence: { startTime: 0, text: 'calm down' },
    });
    expect(outcome.improvements).toEqual([
      'Stays polite (said "calm down")',
      'Short turns (longestMonologue was 35, expected ≤ 20)',
    ]);
  });

  it('reads every speaker when the transcript has no speaker of the criterion role (mono, roles unknown)', () => {
    const transcript = transcriptOf([['A', 0, 5, 'Thank you for calling. This call may be recorded.']], 120);
    transcript.speakers = [{ speakerId: 'A', speakerLabel: 'Speaker 1', role: 'unknown' }];
    const outcome = evaluateScorecard(profile, { transcript, metrics: computeMetrics(transcript) });
    expect(outcome.complianceStatus).toBe('passed');
  });

  it('measures the closing window from the last utterance, not trailing silence', () => {
    const outcome = score([
      ['A', 0, 5, 'Have a nice day.'],
      ['C', 5, 30, 'Wait, one more thing.'],
    ]);
    expect(outcome.criteria.find((c) => c.id === 'closing')?.passed).toBe(false);
  });

  it('scores a call without speech as not meeting what had to be said, and says why', () => {
    const outcome = score([], DEFAULT_PROFILE);
    expect(outcome.complianceStatus).toBe('failed');
    expect(outcome.criteria.find((c) => c.id === 'greeting')).toMatchObject({
      result: 'not_met',
      reason: 'no speech',
      passed: false,
    });
    // Nobody raised a problem, so empathy did not apply; the agent's metrics cannot be attributed.
    expect(outcome.criteria.find((c) => c.id === 'empathy')?.result).toBe('not_applicable');
    expect(outcome.criteria.find((c) => c.id === 'monologue')?.result).toBe('not_evaluated');
  });

  it('recognises general contact-centre phrasing with the default profile', () => {
    const outcome = score(
      [
        ['A', 0, 6, 'Good morning, you are speaking with Priya. Calls are recorded for training purposes.'],
        ['C', 6, 10, 'My parcel never arrived.'],
        ['A', 10, 16, "I'm sorry to hear that. I will send a new one today."],
        ['C', 16, 18, 'Great.'],
        ['A', 18, 22, 'Thanks for calling, bye.'],
      ],
      DEFAULT_PROFILE,
    );
    expect(outcome.criteria.filter((c) => !c.passed)).toEqual([]);
    expect(outcome.qualityScore).toBe(100);
  });
});
