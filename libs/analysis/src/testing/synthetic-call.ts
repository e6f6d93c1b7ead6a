import type { Transcript } from '../transcript';

const AGENT_LINES = [
  'Thank you for calling, this call may be recorded. My name is Sam, how can I help you today?',
  'I understand, let me check your account for you.',
  'I can see the charge from last week, it was applied twice by mistake.',
  'I have issued a refund, you will see it in three to five business days.',
  'Is there anything else I can help you with today?',
  'Could you confirm the phone number on the account please?',
  'Basically the new plan includes more data and, like, unlimited calls.',
];
const CUSTOMER_LINES = [
  'Hi, I was charged twice on my last bill and I am not happy about it.',
  'Sure, it is five five five, one two three, four five six seven.',
  'That is great, thank you so much for your help.',
  'Why was I charged twice in the first place?',
  'Okay, and when will the money be back on my card?',
  'My email is jane dot doe at example dot com.',
];

const TOPICS = [
  'Billing.',
  'Roaming.',
  'Upgrade.',
  'Router.',
  'Invoice.',
  'Contract.',
  'Delivery.',
  'Discount.',
];

/**
 * A long synthetic call (alternating agent and customer turns of realistic length and content, PII included) for
 * timing the analysis: `minutes` of conversation, about 20 utterances a minute.
 */
export function syntheticCall(minutes: number): Transcript {
  const sentences: Transcript['sentences'] = [];
  let time = 0.5;
  for (let i = 0; time < minutes * 60 - 5; i++) {
    const agent = i % 2 === 0;
    const lines = agent ? AGENT_LINES : CUSTOMER_LINES;
    // Every utterance differs (a case number and a topic word), as in a real call: nothing can be served from a cache.
    const text = `${lines[(i * 7 + Math.floor(i / 3)) % lines.length]} ${TOPICS[i % TOPICS.length]} case ${1000 + i}.`;
    const length = text.split(' ').length * 0.33;
    sentences.push({
      speakerId: agent ? 'A' : 'C',
      startTime: time,
      endTime: time + length,
      text,
      confidence: 0.9,
    });
    time += length + (i % 5 === 0 ? -0.6 : 0.4);
  }
  return {
    language: 'en',
    duration: minutes * 60,
    speakers: [
      { speakerId: 'A', speakerLabel: 'Agent', role: 'agent' },
      { speakerId: 'C', speakerLabel: 'Customer', role: 'customer' },
    ],
    sentences,
  };
}
