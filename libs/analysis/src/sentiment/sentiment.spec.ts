import { SentimentIntensityAnalyzer } from 'vader-sentiment';
import { transcriptOf } from '../testing/transcript-builder';
import { labelCall, labelSentence, scoreSentence, summarizeSentiment } from './sentiment';

describe('scoreSentence', () => {
  it('scores praise positive and complaints negative', () => {
    expect(scoreSentence('That is great, thank you so much for your help.')).toBeGreaterThan(0.5);
    expect(scoreSentence('This is the worst service I have ever had.')).toBeLessThan(-0.5);
  });

  it('handles negation', () => {
    expect(scoreSentence('I am happy with it.')).toBeGreaterThan(0.3);
    expect(scoreSentence('I am not happy with it.')).toBeLessThan(-0.3);
  });

  it('gives exactly what VADER gives, also for the sentences it answers without VADER', () => {
    const sentences = [
      'Can I have your account number please?',
      'It is kind of slow.',
      'This is GREAT!!!',
      'not bad, not bad at all',
      '(happy) customers, "satisfied" ones.',
      'I was charged twice... :( and nobody called back',
      ':) thanks',
      'The least helpful call, but the agent was nice.',
      'no',
      'Well, you know, the router is on the shelf.',
      'it-is-fine',
      'I never said that was so terrible',
      '<3',
    ];
    for (const sentence of sentences) {
      expect([sentence, scoreSentence(sentence)]).toEqual([
        sentence,
        SentimentIntensityAnalyzer.polarity_scores(sentence).compound,
      ]);
    }
  });

  it('scores plain statements and empty text as neutral', () => {
    expect(labelSentence(scoreSentence('The invoice is dated the third of March.'))).toBe('NEUTRAL');
    expect(scoreSentence('  ')).toBe(0);
  });
});

describe('labelCall', () => {
  it('applies the documented call thresholds', () => {
    expect(labelCall(0.3, 0.2)).toBe('POSITIVE');
    expect(labelCall(0.1, 0.0)).toBe('NEUTRAL');
    expect(labelCall(-0.2, 0.0)).toBe('NEGATIVE');
    // a polite agent does not hide an angry customer
    expect(labelCall(0.1, -0.5)).toBe('NEGATIVE');
  });
});

describe('summarizeSentiment', () => {
  const call = transcriptOf([
    ['A', 0, 10, 'a'],
    ['C', 10, 20, 'b'],
    ['A', 20, 30, 'c'],
    ['C', 30, 40, 'd'],
    ['A', 40, 50, 'e'],
    ['C', 50, 60, 'f'],
  ]);
  const summary = summarizeSentiment(call, [0.2, -0.8, 0.4, -0.2, 0.6, 0.8]);

  it('averages per role and overall', () => {
    expect(summary.score).toBe(0.17);
    expect(summary.bySpeaker).toEqual({ agent: 0.4, customer: -0.07 });
    expect(summary.label).toBe('NEUTRAL');
  });

  it('gives the trend over thirds of the call', () => {
    expect(summary.trend).toEqual([-0.3, 0.1, 0.7]);
  });

  it('is neutral with no speech', () => {
    expect(summarizeSentiment(transcriptOf([], 5), [])).toEqual({
      label: 'NEUTRAL',
      score: 0,
      bySpeaker: { agent: 0, customer: 0 },
      trend: [0, 0, 0],
    });
  });
});
