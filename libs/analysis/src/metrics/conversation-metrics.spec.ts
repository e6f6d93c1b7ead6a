import { transcriptOf } from '../testing/transcript-builder';
import { computeMetrics, countFillers, countQuestions, unionLength } from './conversation-metrics';

describe('computeMetrics', () => {
  // 0-10 agent, 12-20 customer (agent cuts in at 18 for 2 s), 18-30 agent, 40-50 customer; call lasts 60 s.
  const call = transcriptOf(
    [
      ['A', 0, 10, 'Hello, thank you for calling. How can I help you today?'],
      ['C', 12, 20, 'My bill is wrong. Why was I charged twice?'],
      [
        'A',
        18,
        30,
        'Um, I see, you know, the second charge was basically an error. Can you confirm your name?',
      ],
      ['C', 40, 50, 'It is Jane.'],
    ],
    60,
  );
  const metrics = computeMetrics(call);

  it('measures talk time per role and silence as what no one fills', () => {
    expect(metrics.conversationTime).toBe(60);
    expect(metrics.agentTalkTime).toBe(22);
    expect(metrics.customerTalkTime).toBe(18);
    // speech covers 0-10, 12-30, 40-50 = 38 s
    expect(metrics.silenceTime).toBe(22);
    expect(metrics.agentTalkShare).toBe(0.55);
  });

  it('counts questions, exchanges and interruptions', () => {
    expect(metrics.agentQuestions).toBe(2);
    expect(metrics.customerQuestions).toBe(1);
    expect(metrics.exchanges).toBe(3);
    expect(metrics.interruptions).toBe(1);
  });

  it('measures the agent pace, fillers and the longest turns', () => {
    // 11 + 17 agent words in 22 s
    expect(metrics.agentWordsPerMinute).toBe(Math.round(28 / (22 / 60)));
    expect(metrics.agentFillerWords).toBe(3);
    expect(metrics.longestMonologue).toBe(12);
    expect(metrics.longestCustomerStory).toBe(10);
    // 3 changes in 1 minute = half of the 6 per minute that count as fully interactive
    expect(metrics.interactivity).toBe(0.5);
  });

  it('joins consecutive utterances of one side into one monologue', () => {
    const monologue = transcriptOf([
      ['A', 0, 20, 'First part.'],
      ['A', 21, 50, 'Second part.'],
      ['C', 51, 53, 'Okay.'],
      ['A', 54, 60, 'Done.'],
    ]);
    expect(computeMetrics(monologue).longestMonologue).toBe(50);
  });

  it('ends a monologue at a long pause', () => {
    const paused = transcriptOf([
      ['A', 0, 20, 'First part.'],
      ['A', 30, 40, 'After a long pause.'],
    ]);
    expect(computeMetrics(paused).longestMonologue).toBe(20);
  });

  it('ignores a short overlap (backchannel timing) as an interruption', () => {
    const overlap = transcriptOf([
      ['A', 0, 10, 'Long explanation.'],
      ['C', 9.8, 12, 'Right.'],
    ]);
    expect(computeMetrics(overlap).interruptions).toBe(0);
    expect(computeMetrics(overlap, { interruptionMinOverlap: 0.1 }).interruptions).toBe(1);
  });

  it('returns zeros for an empty call', () => {
    const empty = computeMetrics(transcriptOf([], 6.5));
    expect(empty).toMatchObject({ conversationTime: 6.5, silenceTime: 6.5, agentTalkShare: 0, exchanges: 0 });
    expect(empty.agentWordsPerMinute).toBe(0);
  });
});

describe('countQuestions', () => {
  it('counts question marks in punctuated text', () => {
    expect(countQuestions('Can you hear me? Is this Jane?', true)).toBe(2);
    expect(countQuestions('I can hear you.', true)).toBe(0);
  });

  it('uses the opening word when ASR gives no punctuation', () => {
    expect(countQuestions('can you confirm your phone number', false)).toBe(1);
    expect(countQuestions('what is the interest rate', false)).toBe(1);
    expect(countQuestions('i will send it today', false)).toBe(0);
  });
});

describe('countFillers', () => {
  it('counts filler words and phrases', () => {
    expect(countFillers('Um, uh, I mean it is basically done.')).toBe(4);
  });

  it('counts "like" only as a hedge', () => {
    expect(countFillers('I would like a refund.')).toBe(0);
    expect(countFillers('It looks like the modem.')).toBe(0);
    expect(countFillers('It was, like, broken.')).toBe(1);
    expect(countFillers('It was like broken for days.')).toBe(1);
  });

  it('does not count "kind of" in a noun phrase or "do you know" as a question', () => {
    expect(countFillers('What kind of plan is it?')).toBe(0);
    expect(countFillers('It is kind of slow.')).toBe(1);
    expect(countFillers('Do you know your account number?')).toBe(0);
  });
});

describe('unionLength', () => {
  it('counts overlapping intervals once', () => {
    expect(
      unionLength([
        [0, 5],
        [3, 8],
        [10, 12],
      ]),
    ).toBe(10);
  });
});

describe('the rep metrics', () => {
  const call = transcriptOf(
    [
      ['A', 0, 6, 'Hello, um, thanks for calling. How can I help?'],
      ['C', 6, 10, 'My router keeps dropping the connection.'],
      ['A', 10, 16, 'I am sorry. Is the light blinking?'],
      ['A', 16, 20, 'Basically we will replace it.'],
      ['C', 20, 22, 'Great.'],
      ['A', 22, 26, 'You will get a new router by Friday.'],
    ],
    30,
  );

  it('counts words, distinct words, fillers per minute and the turns that ask', () => {
    const metrics = computeMetrics(call);
    expect(metrics.agentWordCount).toBe(29);
    // "i" and "will" are said twice
    expect(metrics.agentUniqueWords).toBe(27);
    expect(metrics.agentFillerWords).toBe(2);
    // 2 fillers in 20 s of agent speech
    expect(metrics.agentFillerWordsPerMinute).toBe(6);
    // Three agent turns (0-6, 10-20, 22-26), two of which ask a question.
    expect(metrics.agentExchanges).toBe(3);
    expect(metrics.agentExchangesWithQuestion).toBe(2);
    expect(metrics.agentControl).toBe(0.67);
  });

  it('places vocabulary on the CEFR scale only when there are enough words to tell', () => {
    const short = computeMetrics(transcriptOf([['A', 0, 3, 'Hello, how can I help you today?']]));
    expect(short).toMatchObject({ agentVocabularyLevel: null, agentVocabularyScore: null });
    const plain = transcriptOf([
      [
        'A',
        0,
        20,
        'I think we can do that for you now. Do you want me to go and get the one that is good? Yes, it is here and I will tell you when it comes back, ok. Thank you, see you then.',
      ],
    ]);
    const ornate = transcriptOf([
      [
        'A',
        0,
        20,
        'Our comprehensive warranty encompasses subsequent malfunctions, notwithstanding cosmetic deterioration. The manufacturer stipulates reimbursement contingent upon documented diagnostics, corroborated by an authorised technician, whereupon remuneration proceeds expeditiously through the designated intermediary.',
      ],
    ]);
    const low = computeMetrics(plain);
    const high = computeMetrics(ornate);
    expect(low.agentVocabularyLevel).toMatch(/^A[12]$/);
    expect(high.agentVocabularyLevel).toMatch(/^C[12]$/);
    expect(high.agentVocabularyScore!).toBeGreaterThan(low.agentVocabularyScore!);
  });
});
