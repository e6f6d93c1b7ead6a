import { RecognizedWord } from '../engines/transcription-engine';
import { buildSentences, endsSentence, sentencesOf } from './build-sentences';

const word = (text: string, start: number, end: number, confidence = 1): RecognizedWord => ({
  text,
  start,
  end,
  confidence,
});
const rules = { pauseSeconds: 0.7, maxSeconds: 20 };

describe('sentencesOf', () => {
  it('cuts at a pause of at least pauseSeconds and keeps shorter gaps together', () => {
    const sentences = sentencesOf(
      'spk_0',
      [
        word('hello', 0.5, 0.9, 0.8),
        word('there', 1.2, 1.6, 0.6),
        word('how', 2.3, 2.5),
        word('are', 2.6, 2.8),
      ],
      rules,
    );
    expect(sentences).toEqual([
      { speakerId: 'spk_0', startTime: 0.5, endTime: 1.6, text: 'hello there', confidence: 0.7 },
      { speakerId: 'spk_0', startTime: 2.3, endTime: 2.8, text: 'how are', confidence: 1 },
    ]);
  });

  it('cuts a sentence that would grow past maxSeconds or maxWords without any pause', () => {
    const words = Array.from({ length: 10 }, (_, i) => word(`w${i}`, i, i + 0.9));
    expect(sentencesOf('s', words, { pauseSeconds: 0.7, maxSeconds: 4 }).map((s) => s.text)).toEqual([
      'w0 w1 w2 w3',
      'w4 w5 w6 w7',
      'w8 w9',
    ]);
    expect(sentencesOf('s', words, { ...rules, maxWords: 3 }).map((s) => s.text)).toEqual([
      'w0 w1 w2',
      'w3 w4 w5',
      'w6 w7 w8',
      'w9',
    ]);
  });

  it('orders words that arrive unsorted and ignores empty ones', () => {
    const sentences = sentencesOf('s', [word('b', 1, 1.2), word(' ', 0.9, 1), word('a', 0.5, 0.8)], rules);
    expect(sentences.map((s) => [s.text, s.startTime, s.endTime])).toEqual([['a b', 0.5, 1.2]]);
  });

  it('gives nothing for no words', () => {
    expect(sentencesOf('s', [], rules)).toEqual([]);
  });
});

describe('buildSentences', () => {
  it('merges the channels into one conversation by start time', () => {
    const sentences = buildSentences(
      [
        { speakerId: 'agent', words: [word('hello', 0, 0.5), word('anything', 5, 5.5)] },
        { speakerId: 'customer', words: [word('hi', 2, 2.3), word('bye', 8, 8.4)] },
      ],
      rules,
    );
    expect(sentences.map((s) => `${s.speakerId}:${s.text}`)).toEqual([
      'agent:hello',
      'customer:hi',
      'agent:anything',
      'customer:bye',
    ]);
  });

  it('puts the earlier listed speaker first when two start together', () => {
    const sentences = buildSentences(
      [
        { speakerId: 'b', words: [word('two', 1, 2)] },
        { speakerId: 'a', words: [word('one', 1, 2)] },
      ],
      rules,
    );
    expect(sentences.map((s) => s.speakerId)).toEqual(['b', 'a']);
  });
});

describe('sentences of a punctuating engine', () => {
  it('ends a sentence after its closing punctuation, not after an abbreviation', () => {
    expect(['today?', 'refund.', 'Great!', 'said."'].every(endsSentence)).toBe(true);
    expect(['Mr.', 'Dr.', 'a.m.', 'J.', 'hello', '555,'].some(endsSentence)).toBe(false);
    const sentences = sentencesOf(
      'spk_0',
      [
        word('Thank', 0.5, 0.7),
        word('you.', 0.7, 0.9),
        word('How', 0.95, 1.1),
        word('can', 1.1, 1.2),
        word('Mr.', 1.2, 1.4),
        word('Smith', 1.4, 1.6),
        word('help?', 1.6, 1.9),
      ],
      rules,
    );
    expect(sentences.map((sentence) => sentence.text)).toEqual(['Thank you.', 'How can Mr. Smith help?']);
    expect(sentences[1].startTime).toBe(0.95);
  });
});
