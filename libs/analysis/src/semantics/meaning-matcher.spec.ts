import { ORDINARY_UTTERANCES, prepareMeaning } from './meaning-matcher';
import type { SentenceEmbedder, SentenceVector } from './sentence-embedder';

/** Records what it was asked to embed; every text gets the same vector. */
class RecordingEmbedder implements SentenceEmbedder {
  readonly name = 'recording';
  readonly asked: string[] = [];
  embed(texts: string[]): Promise<SentenceVector[]> {
    this.asked.push(...texts);
    return Promise.resolve(texts.map(() => [1, 0]));
  }
}

describe('prepareMeaning', () => {
  const disclosure = ['This call may be recorded for quality and training purposes.'];

  it('embeds only the utterances that share a distinctive word with the wanted examples', async () => {
    const sentences = [
      'Thank you for calling, how can I help you today?', // "call" and "help" are too common to count
      'We keep a recording of every conversation for training.', // "recording", "training"
      'I can see the duplicate charge on your statement.',
      'Okay.', // too short for the encoder
    ];
    const embedder = new RecordingEmbedder();
    await prepareMeaning(embedder, sentences, [{ examples: disclosure, eligible: [0, 1, 2, 3] }]);
    const utterances = embedder.asked.filter((text) => sentences.includes(text));
    expect(utterances).toEqual([sentences[1]]);
    expect(embedder.asked).toEqual(expect.arrayContaining([...disclosure, ...ORDINARY_UTTERANCES]));
  });

  it('embeds nothing and answers null when no utterance is a candidate', async () => {
    const embedder = new RecordingEmbedder();
    const sentences = [
      'Thank you for calling, how can I help you today?',
      'I see the charge on your statement.',
    ];
    expect(
      await prepareMeaning(embedder, sentences, [{ examples: disclosure, eligible: [0, 1] }]),
    ).toBeNull();
    expect(embedder.asked).toEqual([]);
  });

  it('does not let an utterance embedded for one criterion match another it shares no word with', async () => {
    const utterance = 'We keep a recording of every conversation for training.';
    const greeting = 'Good morning, welcome to the help desk.';
    // By its vector the utterance is the greeting itself, and near enough the disclosure example (0.71); ordinary
    // utterances are far from both. By meaning alone it would be a greeting.
    const vectorOf = (text: string) =>
      text === utterance || text === greeting
        ? [1, 0, 0]
        : text === disclosure[0]
          ? [0.7, 0.7, 0]
          : [0, 0, 1];
    const embedder: SentenceEmbedder = {
      name: 'three-way',
      embed: (texts) => Promise.resolve(texts.map(vectorOf)),
    };
    const lookup = (await prepareMeaning(embedder, [utterance], [{ examples: disclosure, eligible: [0] }]))!;
    expect(lookup(disclosure, [0])).toEqual({ index: 0, example: disclosure[0] });
    expect(lookup([greeting], [0])).toBeNull();
  });
});
