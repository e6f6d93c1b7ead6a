import type { Transcript, TranscriptSentence } from '../transcript';

/**
 * The transcript as speaker turns: consecutive sentences of one speaker joined into one (text, first start, last
 * end, mean confidence). What is measured per turn does not change with how finely an engine cuts sentences:
 * Moonshine writes "Thank you for calling. My name is John. How can I help?" as three sentences, pocketsphinx and
 * a typed transcript as one turn.
 */
export function speakerTurns(transcript: Transcript): TranscriptSentence[] {
  const turns: (TranscriptSentence & { count: number })[] = [];
  for (const sentence of transcript.sentences) {
    const last = turns[turns.length - 1];
    if (last && last.speakerId === sentence.speakerId) {
      last.text = `${last.text} ${sentence.text}`;
      last.endTime = Math.max(last.endTime, sentence.endTime);
      last.confidence += sentence.confidence;
      last.count++;
    } else turns.push({ ...sentence, count: 1 });
  }
  return turns.map(({ count, ...turn }) => ({ ...turn, confidence: turn.confidence / count }));
}
