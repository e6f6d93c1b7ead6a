import { transcriptOf } from '../../../analysis/src/testing/transcript-builder';
import { dueDateOf } from './due-date';
import { extractFollowups } from './extract-followups';

// A Monday afternoon.
const CALL_DATE = new Date('2026-12-07T15:00:00Z');

describe('extractFollowups', () => {
  it("finds the agent's commitments with their type, evidence and due date", () => {
    const found = extractFollowups(
      transcriptOf([
        ['A', 0, 4, 'Thanks for calling, how can I help?'],
        ['C', 4, 9, 'My parcel arrived broken.'],
        ['A', 9, 15, 'I am sorry. I will email you a return label today.'],
        ['A', 15, 20, "And I'll call you back tomorrow morning to arrange the replacement."],
        ['A', 20, 24, 'Our technician is going to visit on Friday.'],
        ['A', 24, 28, 'I have also refunded the delivery fee.'],
      ]),
      CALL_DATE,
    );
    expect(found.map((f) => [f.type, f.by, f.dueAt?.toISOString()])).toEqual([
      ['SEND_INFO', 'agent', '2026-12-07T23:59:59.000Z'],
      ['CALLBACK', 'agent', '2026-12-08T06:00:00.000Z'],
      ['SCHEDULE', 'agent', '2026-12-11T23:59:59.000Z'],
    ]);
    expect(found[0].evidence).toEqual({
      startTime: 9,
      endTime: 15,
      speakerId: 'A',
      quote: 'I am sorry. I will email you a return label today.',
    });
  });

  it('keeps promises only: no negations, questions, immediate actions or chit-chat', () => {
    const found = extractFollowups(
      transcriptOf([
        ['A', 0, 4, "I won't be able to send it today."],
        ['A', 4, 8, 'Shall I send you a copy?'],
        ['A', 8, 12, 'I will check that for you now.'],
        ['A', 12, 16, "I'll be honest with you."],
        ['A', 16, 20, 'I will transfer you to billing.'],
        ['A', 20, 24, 'You will get charged the old price.'],
      ]),
      CALL_DATE,
    );
    expect(found).toEqual([]);
  });

  it('takes "and" as a second promise only within the clause', () => {
    const found = extractFollowups(
      transcriptOf([['A', 0, 6, 'I will send the form today. And call us if it does not arrive.']]),
      CALL_DATE,
    );
    expect(found.map((f) => f.type)).toEqual(['SEND_INFO']);
  });

  it("takes a customer's request, merged into the agent's commitment that answers it", () => {
    const answered = extractFollowups(
      transcriptOf([
        ['C', 0, 4, 'Could you email me the invoice by Friday?'],
        ['A', 4, 8, "Sure, I'll send it over."],
      ]),
      CALL_DATE,
    );
    expect(answered).toHaveLength(1);
    expect(answered[0]).toMatchObject({ by: 'agent', type: 'SEND_INFO' });
    // The agent named no date: the customer's "by Friday" holds.
    expect(answered[0].dueAt?.toISOString()).toBe('2026-12-11T23:59:59.000Z');

    const open = extractFollowups(transcriptOf([['C', 0, 4, 'Please call me back after five.']]), CALL_DATE);
    expect(open).toMatchObject([{ by: 'customer', type: 'CALLBACK' }]);
  });

  it('quotes the redacted text, and gives the same key for the same utterance every time', () => {
    const transcript = transcriptOf([['A', 2.5, 6, 'I will text the code to 555 0100 within the hour.']]);
    const [first] = extractFollowups(transcript, CALL_DATE, [
      'I will text the code to [PHONE_NUMBER] within the hour.',
    ]);
    expect(first.text).not.toContain('555');
    expect(first.evidence.quote).toContain('[PHONE_NUMBER]');
    expect(extractFollowups(transcript, CALL_DATE)[0].key).toBe(first.key);
  });
});

describe('dueDateOf', () => {
  it.each([
    ['by the end of the day', '2026-12-07T23:59:59.000Z'],
    ['within 48 hours', '2026-12-09T15:00:00.000Z'],
    ['within two business days', '2026-12-09T23:59:59.000Z'],
    ['next week', '2026-12-14T23:59:59.000Z'],
    ['on Tuesday', '2026-12-08T23:59:59.000Z'],
  ])('reads "%s" relative to the call', (text, due) => {
    expect(dueDateOf(text, CALL_DATE)?.toISOString()).toBe(due);
  });

  it('gives no date when the words name none', () => {
    expect(dueDateOf('I will send it over', CALL_DATE)).toBeNull();
  });
});
