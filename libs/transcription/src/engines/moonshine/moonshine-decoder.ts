import { join } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { DecodedWord } from './word-timing';

/** The tokenizer is an ES module; this file runs in a worker thread of plain Node, which can require it. */
interface LlamaTokenizer {
  vocabById: string[];
  decode(ids: number[], addBosToken?: boolean, addPrecedingSpace?: boolean): string;
}
function loadTokenizer(): LlamaTokenizer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('llama-tokenizer-js') as { default?: LlamaTokenizer } & LlamaTokenizer;
  return loaded.default ?? loaded;
}

/** Moonshine tiny's decoder: 6 layers, 8 key/value heads of 36 dimensions (the model card). */
const TINY = { layers: 6, heads: 8, headDimensions: 36 };
const START_TOKEN = 1;
const END_TOKEN = 2;
/** Moonshine's reference limit: about six tokens per second of audio; more means the decoder is looping. */
const TOKENS_PER_SECOND = 6;
const SAMPLE_RATE = 16000;

export interface DecodedSegment {
  words: DecodedWord[];
  /** Mean probability of the chosen tokens that spell words (punctuation left out), 0..1. */
  confidence: number;
  /** True when the decoder reached the token limit without ending the text (a loop, usually). */
  truncated: boolean;
  tokens: number;
}

/**
 * Silence added around a segment on a retry. Moonshine sometimes ends the text at once (or after a few words) on
 * an utterance it reads well when its edges move by a few hundredths of a second: the phone number of a corpus
 * call decoded to nothing at one cut and in full at cuts 0.1 s wider (bench/asr). Padding changes the input enough;
 * which padding works differs from one input to the next, so two are tried.
 */
const RETRY_PADDING_SECONDS = [0.3, 0.5];
/** Fewer tokens than this per second of voiced audio means the decoder stopped early (speech runs at 3-5). */
const MIN_TOKENS_PER_VOICED_SECOND = 1;

export interface DecoderOptions {
  modelDir: string;
  /** Threads of one inference (onnxruntime's intra-op threads). */
  threads: number;
}

/**
 * Moonshine tiny through onnxruntime: the encoder reads 16 kHz samples, the merged decoder writes tokens greedily with
 * its key/value cache (as Moonshine's own JavaScript runtime does), and each chosen token's softmax probability is
 * kept as its confidence. Blocking: it runs inside a worker thread.
 */
export class MoonshineDecoder {
  private readonly tokenizer = loadTokenizer();

  private constructor(
    private readonly encoder: InferenceSession,
    private readonly decoder: InferenceSession,
  ) {}

  static async load(options: DecoderOptions): Promise<MoonshineDecoder> {
    const sessionOptions: InferenceSession.SessionOptions = {
      intraOpNumThreads: options.threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    };
    // The encoder runs once a segment on inputs of every length: an arena would keep the peak of each (about 50 MB
    // a thread). The decoder runs once a token on small inputs, where the arena halves its time.
    const encoder = await InferenceSession.create(join(options.modelDir, 'encoder_model.onnx'), {
      ...sessionOptions,
      enableCpuMemArena: false,
      enableMemPattern: false,
    });
    const decoder = await InferenceSession.create(
      join(options.modelDir, 'decoder_model_merged.onnx'),
      sessionOptions,
    );
    return new MoonshineDecoder(encoder, decoder);
  }

  /**
   * Decodes a segment, and decodes it again with silence around it when the text is implausibly short for the
   * voiced time it spans; the fullest of the attempts wins.
   */
  async decodeSegment(audio: Float32Array, voicedSeconds: number): Promise<DecodedSegment> {
    const enough = Math.max(1, Math.floor(voicedSeconds * MIN_TOKENS_PER_VOICED_SECOND));
    let best = await this.decode(audio);
    for (const padding of RETRY_PADDING_SECONDS) {
      if (best.tokens >= enough) break;
      const padded = new Float32Array(audio.length + 2 * Math.round(padding * SAMPLE_RATE));
      padded.set(audio, Math.round(padding * SAMPLE_RATE));
      const attempt = await this.decode(padded);
      if (attempt.tokens > best.tokens) best = attempt;
    }
    return best;
  }

  async release(): Promise<void> {
    await Promise.all([this.encoder.release(), this.decoder.release()]);
  }

  async decode(audio: Float32Array): Promise<DecodedSegment> {
    const maxTokens = Math.ceil((audio.length / SAMPLE_RATE) * TOKENS_PER_SECOND);
    const encoded = await this.encoder.run({
      input_values: new Tensor('float32', audio, [1, audio.length]),
    });
    let cache: Record<string, Tensor> = {};
    for (let layer = 0; layer < TINY.layers; layer++)
      for (const part of ['decoder', 'encoder'])
        for (const kind of ['key', 'value'])
          cache[`past_key_values.${layer}.${part}.${kind}`] = new Tensor('float32', new Float32Array(0), [
            0,
            TINY.heads,
            1,
            TINY.headDimensions,
          ]);
    const tokens: number[] = [];
    const probabilities: number[] = [];
    let input = START_TOKEN;
    let ended = false;
    for (let step = 0; step < maxTokens; step++) {
      const output = await this.decoder.run({
        input_ids: new Tensor('int64', BigInt64Array.of(BigInt(input)), [1, 1]),
        encoder_hidden_states: encoded.last_hidden_state,
        use_cache_branch: new Tensor('bool', [step > 0], [1]),
        ...cache,
      });
      // Never an empty text: the voice detector already heard speech here, and Moonshine often ends short
      // utterances at once ("Thank you. See you then." as 8 kHz μ-law). As Whisper suppresses its end token at
      // the first step; what is not speech then decodes with a low confidence and is dropped (segment-filter).
      const [token, probability] = mostLikely(output.logits, step === 0 ? END_TOKEN : -1);
      if (token === END_TOKEN) {
        ended = true;
        break;
      }
      tokens.push(token);
      probabilities.push(probability);
      input = token;
      // The encoder's cross-attention cache is computed on the first step and kept; the decoder's grows each step.
      const next: Record<string, Tensor> = {};
      for (const name of Object.keys(cache)) {
        const present = output[name.replace('past_key_values', 'present')];
        next[name] = step === 0 || name.includes('.decoder.') ? present : cache[name];
      }
      cache = next;
    }
    // Over the tokens that spell words: the decoder is often unsure of a comma or a quotation mark ("rear" right,
    // at 0.46 with its quotes), and that says nothing about the words.
    const wordProbabilities = probabilities.filter((_, index) => !this.isPunctuation(tokens[index]));
    const counted = wordProbabilities.length ? wordProbabilities : probabilities;
    const confidence = counted.length ? counted.reduce((sum, value) => sum + value, 0) / counted.length : 0;
    return { words: this.words(tokens, probabilities), confidence, truncated: !ended, tokens: tokens.length };
  }

  private isPunctuation(token: number): boolean {
    return /^▁?[^\p{L}\p{N}]+$/u.test(this.tokenizer.vocabById[token] ?? '');
  }

  /** Groups tokens into words at the word-start marker ("▁") of the vocabulary; a word's confidence is its tokens' mean. */
  private words(tokens: number[], probabilities: number[]): DecodedWord[] {
    const groups: { ids: number[]; probabilities: number[] }[] = [];
    tokens.forEach((token, index) => {
      const piece = this.tokenizer.vocabById[token] ?? '';
      if (piece.startsWith('▁') || groups.length === 0) groups.push({ ids: [], probabilities: [] });
      groups[groups.length - 1].ids.push(token);
      groups[groups.length - 1].probabilities.push(probabilities[index]);
    });
    const words: DecodedWord[] = [];
    for (const group of groups) {
      const text = this.tokenizer.decode(group.ids, false, false).trim();
      if (!text) continue;
      const confidence =
        group.probabilities.reduce((sum, value) => sum + value, 0) / group.probabilities.length;
      words.push({ text, confidence });
    }
    return mergeDetachedMarks(words);
  }
}

/**
 * The most likely token at the last position of the logits, other than `excluded`, with its softmax probability
 * among the tokens allowed.
 */
function mostLikely(logits: Tensor, excluded: number): [number, number] {
  const data = logits.data as Float32Array;
  const vocabulary = logits.dims[logits.dims.length - 1];
  const row = data.subarray(data.length - vocabulary);
  let best = excluded === 0 ? 1 : 0;
  for (let index = 0; index < row.length; index++)
    if (index !== excluded && row[index] > row[best]) best = index;
  let sum = 0;
  for (let index = 0; index < row.length; index++)
    if (index !== excluded) sum += Math.exp(row[index] - row[best]);
  return [best, 1 / sum];
}

/**
 * Punctuation is usually a token without the word-start marker and stays with its word; when the decoder writes it
 * with the marker (" ."), it is joined to the word before it rather than counted as a word.
 */
function mergeDetachedMarks(words: DecodedWord[]): DecodedWord[] {
  const merged: DecodedWord[] = [];
  for (const word of words) {
    const previous = merged[merged.length - 1];
    if (previous && /^[.,!?;:]+$/.test(word.text)) previous.text += word.text;
    else merged.push(word);
  }
  return merged;
}
