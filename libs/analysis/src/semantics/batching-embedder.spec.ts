import { BatchingEmbedder } from './batching-embedder';
import type { SentenceEmbedder, SentenceVector } from './sentence-embedder';

/** An encoder whose vector of a text is its length, recording each batch it was given. */
class CountingEncoder implements SentenceEmbedder {
  readonly name = 'counting';
  readonly batches: string[][] = [];
  failNext = false;

  embed(texts: string[]): Promise<SentenceVector[]> {
    this.batches.push(texts);
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('encoder failed'));
    }
    return Promise.resolve(texts.map((text) => [text.length]));
  }
}

describe('BatchingEmbedder', () => {
  it('answers requests made at the same time from one batch, each text embedded once', async () => {
    const encoder = new CountingEncoder();
    const embedder = new BatchingEmbedder(encoder);
    const [first, second] = await Promise.all([
      embedder.embed(['hello', 'good morning']),
      embedder.embed(['good morning', 'thanks for calling']),
    ]);
    expect(encoder.batches).toEqual([['hello', 'good morning', 'thanks for calling']]);
    expect(first).toEqual([[5], [12]]);
    expect(second).toEqual([[12], [18]]);
  });

  it('answers texts it has seen from what it kept, and embeds only the new ones', async () => {
    const encoder = new CountingEncoder();
    const embedder = new BatchingEmbedder(encoder);
    await embedder.embed(['hello', 'good morning']);
    expect(await embedder.embed(['good morning', 'hello'])).toEqual([[12], [5]]);
    expect(await embedder.embed(['hello', 'bye'])).toEqual([[5], [3]]);
    expect(encoder.batches).toEqual([['hello', 'good morning'], ['bye']]);
  });

  it('keeps at most its bound, dropping the least recently used', async () => {
    const encoder = new CountingEncoder();
    const embedder = new BatchingEmbedder(encoder, 2);
    await embedder.embed(['a', 'bb']);
    await embedder.embed(['a']); // "a" is now the most recent
    await embedder.embed(['ccc']); // drops "bb"
    await embedder.embed(['a', 'bb']);
    expect(encoder.batches).toEqual([['a', 'bb'], ['ccc'], ['bb']]);
  });

  it('answers a batch it must partly evict from what it found, even past its bound', async () => {
    const encoder = new CountingEncoder();
    const embedder = new BatchingEmbedder(encoder, 1);
    await embedder.embed(['a']);
    expect(await embedder.embed(['a', 'bb', 'ccc'])).toEqual([[1], [2], [3]]);
  });

  it('fails every request of a failed batch, and works again afterwards', async () => {
    const encoder = new CountingEncoder();
    const embedder = new BatchingEmbedder(encoder);
    encoder.failNext = true;
    const results = await Promise.allSettled([embedder.embed(['a']), embedder.embed(['b'])]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await embedder.embed(['a', 'b'])).toEqual([[1], [1]]);
  });

  it('takes requests made while a batch is at work into the next batch', async () => {
    const encoder = new CountingEncoder();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    const gated: SentenceEmbedder = {
      name: 'gated',
      embed: async (texts) => {
        started = true;
        await gate;
        return encoder.embed(texts);
      },
    };
    const embedder = new BatchingEmbedder(gated, 100, 1);
    const first = embedder.embed(['one']);
    while (!started) await new Promise((resolve) => setTimeout(resolve, 1));
    const later = [embedder.embed(['two']), embedder.embed(['three'])];
    release();
    expect(await first).toEqual([[3]]);
    expect(await Promise.all(later)).toEqual([[[3]], [[5]]]);
    expect(encoder.batches).toEqual([['one'], ['two', 'three']]);
  });
});
