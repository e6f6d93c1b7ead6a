import type { Transcript } from '../transcript';

/** A hand-made two-party transcript for specs: [role, start, end, text] lines; speakers A (agent) and C (customer). */
export function transcriptOf(
  lines: Array<['A' | 'C', number, number, string]>,
  duration = lines.reduce((max, [, , end]) => Math.max(max, end), 0),
): Transcript {
  return {
    language: 'en',
    duration,
    speakers: [
      { speakerId: 'A', speakerLabel: 'Agent', role: 'agent' },
      { speakerId: 'C', speakerLabel: 'Customer', role: 'customer' },
    ],
    sentences: lines.map(([speakerId, startTime, endTime, text]) => ({
      speakerId,
      startTime,
      endTime,
      text,
      confidence: 1,
    })),
  };
}
