import type { AnalysisResult, Transcript } from '@app/analysis';
import type { CallTruth } from './corpus';

/** The corpus's names for Parley's PII types (its `# expect: pii` labels). */
const PII_LABELS: Record<string, string> = {
  CREDIT_CARD: 'card',
  EMAIL: 'email',
  PHONE_NUMBER: 'phone',
  SSN: 'ssn',
};

/** A call's ground truth as a transcript: the scripted utterances with their timings, channel 0 = agent. */
export function truthTranscript(truth: CallTruth): Transcript {
  return {
    language: 'en',
    duration: truth.duration,
    speakers: [
      { speakerId: 'ch0', speakerLabel: 'Agent', role: 'agent' },
      { speakerId: 'ch1', speakerLabel: 'Customer', role: 'customer' },
    ],
    sentences: truth.utterances.map((u) => ({
      speakerId: `ch${u.channel}`,
      startTime: u.startTime,
      endTime: u.endTime,
      text: u.text,
      confidence: 1,
    })),
  };
}

/** The PII an analysis found, as the sorted, distinct labels the corpus expects. */
export const corpusPiiLabels = (result: Pick<AnalysisResult, 'pii'>): string[] =>
  [...new Set(result.pii.map((p) => PII_LABELS[p.type]))].sort();
