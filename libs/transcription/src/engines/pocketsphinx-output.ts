import { RecognizedWord } from './transcription-engine';

// "<word> <start> <end> <posterior>" as pocketsphinx_continuous prints with -time yes.
const TIMED_WORD = /^(\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)$/i;
// Sentence markers, silences and fillers ([NOISE], ++BREATH++): not words anyone said.
const NOT_A_WORD = /^(<.*>|\[.*\]|\+\+.*\+\+)$/;

/**
 * One line of pocketsphinx output as a word with its timing and posterior probability, or null for anything
 * else (the hypothesis line, markers, fillers). Pronunciation variants ("for(3)") are the word itself.
 */
export function parsePocketsphinxLine(line: string): RecognizedWord | null {
  const match = TIMED_WORD.exec(line.trim());
  if (!match) return null;
  const [, token, start, end, posterior] = match;
  if (NOT_A_WORD.test(token)) return null;
  const text = token.replace(/\(\d+\)$/, '');
  if (!text) return null;
  const confidence = Math.min(1, Math.max(0, Number(posterior)));
  return { text, start: Number(start), end: Number(end), confidence: Number(confidence.toFixed(4)) };
}
