import { DecodedSegment } from './moonshine-decoder';
import { DecodedWord } from './word-timing';

/**
 * Below this mean word-token probability a segment is dropped. Noise, tones, clicks and hum never reach the decoder
 * (the voice detector refuses them); what does is speech-like sound, e.g. speech played backwards, which decoded to
 * invented sentences at 0.37-0.64. Real speech measured 0.50-0.97 per segment (the corpus as 8 kHz μ-law, and the
 * human prompts of alsa-utils, where "Rear right." decodes at 0.496): a higher cut loses real words, this one
 * drops about half of the backwards speech (bench/asr/engines.mjs).
 */
export const MIN_SEGMENT_CONFIDENCE = 0.45;

/**
 * What a decoded segment keeps: nothing when the decoder was unsure of it as a whole (noise, music), and no loop
 * when it ran out of tokens repeating itself ("thank you thank you thank you ...") — only the first round of it.
 */
export function acceptSegment(segment: DecodedSegment): DecodedWord[] {
  if (segment.confidence < MIN_SEGMENT_CONFIDENCE) return [];
  const words = segment.truncated ? withoutLoop(segment.words) : segment.words;
  return words.some((word) => /[\p{L}\p{N}]/u.test(word.text)) ? words : [];
}

const key = (word: DecodedWord) => word.text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Cuts a run of the same 1-8 words repeated three times or more at the end down to its first occurrence. */
export function withoutLoop(words: readonly DecodedWord[]): DecodedWord[] {
  for (let size = 1; size <= 8; size++) {
    let repeats = 1;
    let start = words.length - size;
    while (start - size >= 0) {
      const same = Array.from(
        { length: size },
        (_, offset) => key(words[start - size + offset]) === key(words[start + offset]),
      ).every(Boolean);
      if (!same) break;
      repeats++;
      start -= size;
    }
    if (repeats >= 3) return words.slice(0, start + size);
  }
  return [...words];
}
