/**
 * Synthetic call-centre text for the search benchmark: deterministic (seeded), so every run loads the same rows.
 * Sentences mix scripted call phrases (where the typical queries land) with free chatter drawn from a Zipf-like
 * vocabulary, which gives the long tail of rare terms a real transcript index has.
 */

/** Mulberry32: small, fast and good enough to spread words; seeded so runs are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCTS = [
  'router',
  'phone',
  'laptop',
  'subscription',
  'premium plan',
  'app',
  'card',
  'account',
  'modem',
];
const PERIODS = ['last', 'monthly', 'annual', 'previous', 'March', 'April', 'May'];
const FIELDS = ['phone number', 'date of birth', 'postcode', 'email address', 'account number'];
const DEPARTMENTS = ['billing', 'technical support', 'sales', 'the claims team', 'a supervisor'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'tomorrow', 'next week'];
const AMOUNTS = ['ten', 'twenty', 'forty', 'ninety nine', 'one hundred', 'two hundred'];

const TEMPLATES: Array<(pick: <T>(list: T[]) => T) => string> = [
  (p) => `I would like a refund for my ${p(PRODUCTS)} please.`,
  (p) => `I was charged twice on my ${p(PERIODS)} bill.`,
  (p) => `Can you confirm your ${p(FIELDS)} for me?`,
  (p) => `Let me transfer you to ${p(DEPARTMENTS)}.`,
  (p) => `The ${p(PRODUCTS)} keeps crashing since the update.`,
  () => `I want to cancel my subscription today.`,
  (p) => `Your order should arrive on ${p(DAYS)}.`,
  () => `Thank you for calling, how can I help you today?`,
  () => `This call may be recorded for quality and training purposes.`,
  (p) => `I have issued a refund of ${p(AMOUNTS)} dollars to your card.`,
  (p) => `There is a cancellation fee of ${p(AMOUNTS)} dollars.`,
  () => `Is there anything else I can help you with?`,
  (p) => `I can see the payment for your ${p(PRODUCTS)} went through.`,
  (p) => `The invoice for ${p(PERIODS)} month is in your email.`,
  () => `I am sorry for the inconvenience, let me check that for you.`,
  (p) => `Could you restart the ${p(PRODUCTS)} and try again?`,
  () => `I would like to speak to your manager please.`,
  (p) => `We can offer you a discount on the ${p(PRODUCTS)}.`,
  () => `The outage in your area should be fixed by tonight.`,
  (p) => `Your claim was approved and the receipt is on its way ${p(DAYS)}.`,
];

/** A few thousand made-up words with a Zipf-like frequency: chatter that fills the index without matching queries. */
function buildVocabulary(random: () => number, size: number): string[] {
  const syllables = [
    'ka',
    'lo',
    'mi',
    'ter',
    'van',
    'pro',
    'sel',
    'dor',
    'ni',
    'qua',
    'bel',
    'tis',
    'ru',
    'mon',
  ];
  const words = new Set<string>();
  while (words.size < size) {
    const length = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < length; i++) word += syllables[Math.floor(random() * syllables.length)];
    words.add(word);
  }
  return [...words];
}

export class SentenceGenerator {
  private readonly random: () => number;
  private readonly vocabulary: string[];
  private readonly common = [
    'the',
    'and',
    'okay',
    'so',
    'yes',
    'well',
    'right',
    'we',
    'it',
    'is',
    'that',
    'you',
  ];

  constructor(seed = 42) {
    this.random = seededRandom(seed);
    this.vocabulary = buildVocabulary(this.random, 20_000);
  }

  pick = <T>(list: T[]): T => list[Math.floor(this.random() * list.length)];

  /** Rank r drawn with probability ~1/r over the vocabulary. */
  private zipfWord(): string {
    const rank = Math.floor(Math.exp(this.random() * Math.log(this.vocabulary.length)));
    return this.vocabulary[Math.min(rank, this.vocabulary.length - 1)];
  }

  sentence(): string {
    // One in four sentences is a scripted phrase; the rest is chatter.
    if (this.random() < 0.25) return this.pick(TEMPLATES)(this.pick);
    const words: string[] = [];
    const length = 4 + Math.floor(this.random() * 14);
    for (let i = 0; i < length; i++)
      words.push(this.random() < 0.35 ? this.pick(this.common) : this.zipfWord());
    return `${words.join(' ')}.`;
  }

  title(): string {
    return `${this.pick(['Billing', 'Refund', 'Cancellation', 'Outage', 'Sales', 'Claim'])} call about ${this.pick(PRODUCTS)}`;
  }

  summary(): string {
    return `Customer called about the ${this.pick(PRODUCTS)}; agent ${this.pick(['issued a refund', 'explained the invoice', 'escalated to a supervisor', 'booked a technician', 'processed the cancellation'])}.`;
  }

  next(): number {
    return this.random();
  }
}
