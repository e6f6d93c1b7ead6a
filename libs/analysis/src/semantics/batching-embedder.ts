import { createHash } from 'node:crypto';
import type { SentenceEmbedder, SentenceVector } from './sentence-embedder';

interface Waiting {
  texts: string[];
  resolve: (vectors: SentenceVector[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Puts the sentences of the analyses running at the same time into shared batches, and keeps the vectors of
 * sentences seen lately. The encoder's cost per sentence falls by a third from batches of five (one call's
 * utterances) to batches of ten or more, and the same texts come back on every call: the profile's examples, the
 * ordinary utterances, an agent's scripted lines.
 *
 * A request waits a few milliseconds for others; while the encoder works on one batch, new requests wait and go
 * together into the next. Vectors are kept under a hash of their text: what callers said does not stay in memory
 * after their call.
 */
export class BatchingEmbedder implements SentenceEmbedder {
  private readonly recent = new Map<string, SentenceVector>();
  private waiting: Waiting[] = [];
  private draining = false;

  constructor(
    private readonly encoder: SentenceEmbedder,
    /** Vectors kept, least recently used dropped first (a 512-dimension vector is 2 KB). */
    private readonly keep = 10_000,
    /** How long a request waits for others to share its batch: little beside the encoder's ≈ 10 ms a sentence. */
    private readonly gatherMs = 5,
  ) {}

  get name(): string {
    return this.encoder.name;
  }

  embed(texts: string[]): Promise<SentenceVector[]> {
    const known = texts.map((text) => this.recall(text));
    if (known.every((vector) => vector !== undefined)) return Promise.resolve(known as SentenceVector[]);
    return new Promise((resolve, reject) => {
      this.waiting.push({ texts, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        setTimeout(() => void this.drain(), this.gatherMs);
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      // Held here, not only in `recent`: what this batch adds may push out what it found there.
      const vectorOf = new Map<string, SentenceVector>();
      const missing: string[] = [];
      for (const text of new Set(batch.flatMap((request) => request.texts))) {
        const known = this.recall(text);
        if (known) vectorOf.set(text, known);
        else missing.push(text);
      }
      try {
        const vectors = await this.encoder.embed(missing);
        missing.forEach((text, i) => {
          vectorOf.set(text, vectors[i]);
          this.remember(text, vectors[i]);
        });
        for (const request of batch) request.resolve(request.texts.map((text) => vectorOf.get(text)!));
      } catch (error) {
        batch.forEach((request) => request.reject(error));
      }
      // The encoder held the event loop: let the other analyses read their replies and ask for the next batch.
      await new Promise((resolve) => setTimeout(resolve, this.gatherMs));
    }
    this.draining = false;
  }

  private recall(text: string): SentenceVector | undefined {
    const key = keyOf(text);
    const vector = this.recent.get(key);
    if (vector) {
      this.recent.delete(key);
      this.recent.set(key, vector);
    }
    return vector;
  }

  private remember(text: string, vector: SentenceVector): void {
    this.recent.set(keyOf(text), vector);
    if (this.recent.size > this.keep) this.recent.delete(this.recent.keys().next().value!);
  }
}

const keyOf = (text: string) => createHash('sha256').update(text).digest('base64');
