/**
 * Typed calls for the search tests: search reads transcripts, not audio, so these sit here rather than in the audio
 * corpus, and each says what the tests rely on (which words occur where) in plain sight.
 */
export interface SearchCall {
  title: string;
  /** [seconds from the start, speaker, text] */
  lines: Array<[number, 'agent' | 'customer', string]>;
}

export const SEARCH_CALLS = {
  /** "refund" three times, once with "charged twice" before it; the recording notice; an account. */
  billing: {
    title: 'Double charge refunded',
    lines: [
      [0.5, 'agent', 'Thank you for calling, this call may be recorded. How can I help you today?'],
      [4.2, 'customer', 'I was charged twice for my plan and I would like a refund.'],
      [8.9, 'agent', 'Let me look at the account.'],
      [12.0, 'agent', 'You were charged twice, so I have issued a refund for the second payment.'],
      [17.4, 'customer', 'When will the refund reach my card?'],
      [20.1, 'agent', 'Within five working days. Thanks for your patience.'],
      [24.3, 'customer', 'Thank you, goodbye.'],
    ],
  },
  /** "cancel" three times (one "cancel my subscription"), "outrageous" and "ridiculous"; no recording notice. */
  angry: {
    title: 'Angry customer cancels',
    lines: [
      [0.4, 'customer', 'I want to cancel my subscription right now.'],
      [3.8, 'agent', 'I can help with that. There is a cancellation fee this month.'],
      [8.1, 'customer', 'A fee? That is outrageous.'],
      [10.6, 'customer', 'This whole company is ridiculous. I will cancel it anyway.'],
      [15.0, 'agent', 'Understood, thank you for telling us.'],
    ],
  },
  /** The recording notice, a proposal talk with no note words. */
  sales: {
    title: 'Discovery call with pricing',
    lines: [
      [0.5, 'agent', 'Hi, thanks for taking the call. Please note this call may be recorded.'],
      [5.0, 'customer', 'Sure. We want to know what the pricing looks like for our team.'],
      [9.7, 'agent', 'Happy to help. How many people are on the team today?'],
      [13.2, 'customer', 'Twelve people, all on the same account.'],
      [16.8, 'agent', 'Thank you, I will send the prices by email.'],
    ],
  },
  /** The recording notice and an internet outage. */
  outage: {
    title: 'Internet outage resolved',
    lines: [
      [0.5, 'agent', 'Good morning, this call may be recorded. How can I help?'],
      [4.4, 'customer', 'My internet has been down since this morning.'],
      [7.9, 'agent', 'There was an outage in your area, it is fixed now. Please restart the router.'],
      [13.5, 'customer', 'It works again, thank you.'],
      [16.0, 'agent', 'Thanks for calling, have a good day.'],
    ],
  },
  /** "claim" twice. */
  claim: {
    title: 'Storm damage claim',
    lines: [
      [0.5, 'agent', 'Hello, you are through to the claims line.'],
      [3.1, 'customer', 'A storm broke two windows and I need to file a claim.'],
      [7.6, 'agent', 'I have opened the claim and an assessor will call you tomorrow.'],
    ],
  },
  /** A first line with a long word ("afternoon") that no other call says. */
  wrongNumber: {
    title: 'Wrong number',
    lines: [
      [0.5, 'agent', 'Good afternoon, dental practice.'],
      [2.9, 'customer', 'Sorry, I dialled the wrong number.'],
    ],
  },
} satisfies Record<string, SearchCall>;
