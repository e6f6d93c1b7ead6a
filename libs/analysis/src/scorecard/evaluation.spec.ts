import { computeMetrics } from '../metrics/conversation-metrics';
import { transcriptOf } from '../testing/transcript-builder';
import { colorOf } from './evaluation';
import type { ProfileCriterion, ScorecardProfile } from './profile';
import { evaluateScorecard, rubricShare, type MeaningLookup, type MeaningNeed } from './scorecard';

const criterion = (id: string, extra: Partial<ProfileCriterion>): ProfileCriterion => ({
  id,
  category: 'general',
  description: id,
  weight: 1,
  compliance: false,
  speaker: 'agent',
  ...extra,
});

const sectioned: ScorecardProfile = {
  name: 'Sections',
  criteria: [],
  sections: [
    {
      id: 'opening',
      name: 'Opening',
      weight: 25,
      criteria: [criterion('greeting', { points: 10, phrases: ['good morning'], window: { fromStart: 15 } })],
    },
    {
      id: 'handling',
      name: 'Handling',
      weight: 75,
      criteria: [
        criterion('objection', {
          points: 20,
          phrases: ['what if we', 'i can offer'],
          appliesWhen: { speaker: 'customer', phrases: ['too expensive'] },
        }),
        criterion('questions', {
          points: 10,
          metric: { name: 'agentQuestions', rubric: { minTarget: 2, maxTarget: 6, targetTolerance: 2 } },
        }),
      ],
    },
  ],
};

const evaluate = (
  lines: Parameters<typeof transcriptOf>[0],
  profile = sectioned,
  meaning?: MeaningLookup,
) => {
  const transcript = transcriptOf(lines);
  return evaluateScorecard(profile, { transcript, metrics: computeMetrics(transcript), meaning });
};

describe('the evaluation tree', () => {
  it('scores a criterion whose situation never arose as not_applicable, costing no points', () => {
    const outcome = evaluate([
      ['A', 0, 4, 'Good morning, how are you?'],
      ['C', 4, 6, 'Fine thanks.'],
      ['A', 6, 9, 'Shall we book Tuesday?'],
    ]);
    const objection = outcome.evaluation.nodes.find((n) => n.id === 'objection')!;
    expect(objection).toMatchObject({ result: 'not_applicable', pointsEarned: 0, color: null });
    const handling = outcome.evaluation.sections.find((s) => s.id === 'handling')!;
    // Only the questions metric counts in the section: 2 questions, inside its 2-6 target.
    expect(handling).toMatchObject({ pointsPossible: 10, pointsEarned: 10, color: 'GREEN' });
    expect(outcome.evaluation).toMatchObject({
      score: 100,
      pointsPossible: 20,
      pointsEarned: 20,
      color: 'GREEN',
    });
    expect(outcome.criteria.find((c) => c.id === 'objection')).toMatchObject({
      passed: true,
      result: 'not_applicable',
    });
  });

  it('judges the criterion after its situation arises, with the trigger and the answer as evidence', () => {
    const outcome = evaluate([
      ['A', 0, 4, 'Good morning.'],
      ['C', 4, 9, 'Honestly that is too expensive for us.'],
      ['A', 9, 14, 'I can offer you the annual plan at a lower rate.'],
    ]);
    const node = outcome.evaluation.nodes.find((n) => n.id === 'objection')!;
    expect(node).toMatchObject({ result: 'met', pointsPossible: 20, pointsEarned: 20, parentId: 'handling' });
    expect(node.evidence).toEqual([
      { startTime: 9, endTime: 14, speakerId: 'A', quote: 'I can offer' },
      { startTime: 4, endTime: 9, speakerId: 'C', quote: 'too expensive' },
    ]);
  });

  it('weights sections by their weight and gives metric criteria partial points by the rubric', () => {
    const outcome = evaluate([
      ['A', 0, 4, 'Hello there.'],
      ['C', 4, 9, 'It is too expensive.'],
      ['A', 9, 14, 'I can offer a discount. Does that help?'],
    ]);
    // questions: 1, one below the 2-6 target with a tolerance of 2 → half its points.
    const questions = outcome.evaluation.nodes.find((n) => n.id === 'questions')!;
    expect(questions).toMatchObject({
      nodeType: 'METRIC',
      result: 'not_met',
      metricValue: 1,
      unit: 'questions',
      pointsEarned: 5,
    });
    // opening 0% × 25 + handling (25 of 30 = 83.3%) × 75 → 62.5 → 63
    expect(outcome.evaluation.score).toBe(63);
    expect(outcome.qualityScore).toBe(63);
    expect(outcome.evaluation.color).toBe('YELLOW');
    expect(outcome.evaluation.nodes.find((n) => n.id === 'opening')).toMatchObject({
      nodeType: 'SECTION',
      parentId: null,
      result: 'not_met',
      color: 'RED',
    });
  });

  it('never shows NaN: a profile with nothing applicable has no score', () => {
    const outcome = evaluate([['C', 0, 3, 'Hello?']], {
      name: 'Only situational',
      criteria: [
        criterion('objection', {
          phrases: ['i can offer'],
          appliesWhen: { speaker: 'customer', phrases: ['too expensive'] },
        }),
      ],
    });
    expect(outcome.evaluation.score).toBeNull();
    expect(JSON.stringify(outcome)).not.toContain('NaN');
  });

  it('matches by meaning when no phrase does, and asks for what it could not match', () => {
    const profile: ScorecardProfile = {
      name: 'Meaning',
      criteria: [criterion('closing', { phrases: ['have a nice day'], examples: ['Thank you, goodbye.'] })],
    };
    const lines: Parameters<typeof transcriptOf>[0] = [
      ['A', 0, 3, 'Let me check.'],
      ['A', 3, 6, 'Cheers, talk soon.'],
    ];
    const needs: MeaningNeed[] = [];
    const transcript = transcriptOf(lines);
    const phrasesOnly = evaluateScorecard(profile, {
      transcript,
      metrics: computeMetrics(transcript),
      onMeaningNeeded: (need) => needs.push(need),
    });
    expect(phrasesOnly.criteria[0].result).toBe('not_met');
    expect(needs).toEqual([{ examples: ['Thank you, goodbye.'], eligible: [0, 1] }]);

    const byMeaning = evaluate(lines, profile, (examples, eligible) =>
      eligible.includes(1) ? { index: 1, example: examples[0] } : null,
    );
    expect(byMeaning.criteria[0]).toMatchObject({
      result: 'met',
      matchedBy: 'meaning',
      matchedPhrase: 'Thank you, goodbye.',
    });
    expect(byMeaning.evaluation.nodes[1].evidence).toEqual([
      { startTime: 3, endTime: 6, speakerId: 'A', quote: 'Cheers, talk soon.' },
    ]);
  });

  it('leaves agent metrics not_evaluated when the agent cannot be told apart', () => {
    const transcript = transcriptOf([['A', 0, 5, 'Hello, can I help?']]);
    transcript.speakers = [{ speakerId: 'A', speakerLabel: 'Speaker 1', role: 'unknown' }];
    const outcome = evaluateScorecard(
      {
        name: 'm',
        criteria: [criterion('q', { metric: { name: 'agentQuestions', operator: 'gte', value: 1 } })],
      },
      { transcript, metrics: computeMetrics(transcript) },
    );
    expect(outcome.evaluation.nodes[1]).toMatchObject({
      result: 'not_evaluated',
      reason: 'the agent could not be told apart from the other speaker',
    });
  });
});

describe('rubricShare and colorOf', () => {
  it('gives all points inside the target, none past the tolerance, a linear share between', () => {
    const rubric = { minTarget: 10, maxTarget: 20, targetTolerance: 5 };
    expect([10, 15, 20, 22.5, 25, 30, 7.5, 0].map((v) => rubricShare(v, rubric))).toEqual([
      1, 1, 1, 0.5, 0, 0, 0.5, 0,
    ]);
    expect(rubricShare(21, { minTarget: 10, maxTarget: 20, targetTolerance: 0 })).toBe(0);
  });

  it('bands a score: low inclusive, high exclusive, 100 in the top band', () => {
    expect([0, 59, 60, 79, 80, 100].map((p) => colorOf(p))).toEqual([
      'RED',
      'RED',
      'YELLOW',
      'YELLOW',
      'GREEN',
      'GREEN',
    ]);
    expect(colorOf(null)).toBeNull();
  });
});
