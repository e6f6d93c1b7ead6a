/**
 * What rules are evaluated against: one record with its newest analysis and transcript, flattened.
 * A value the record does not have (no analysis yet, no direction) is null, and no condition on it matches.
 */
export interface AlertFacts {
  qualityScore: number | null;
  complianceStatus: string | null;
  sentiment: string | null;
  sentimentScore: number | null;
  duration: number | null;
  direction: string | null;
  tags: string[];
  /** The transcript's sentences joined by newlines, capped at MAX_TRANSCRIPT_CHARS. */
  transcript: string;
  metrics: Record<string, number>;
  categories: Record<string, number>;
}

/**
 * Bounds the text `contains` and `matches` run on: about ten hours of speech, and it keeps even a polynomial
 * pattern's worst case short.
 */
export const MAX_TRANSCRIPT_CHARS = 500_000;

/** The parts of a record alert facts read (RecordEntity fits; tags as values or `{ value }` views). */
export interface AlertFactsRecord {
  duration?: number | null;
  direction?: string | null;
  tags?: ReadonlyArray<string | { value: string }>;
}

/** The parts of an analysis alert facts read (the analysis shape of api.md fits). */
export interface AlertFactsAnalysis {
  qualityScore?: number | null;
  complianceStatus?: string | null;
  sentiment?: { label?: string | null; score?: number | null } | null;
  metrics?: object | null;
  categories?: Record<string, number> | null;
}

/** The part of a transcript alert facts read. */
export interface AlertFactsTranscript {
  sentences: ReadonlyArray<{ text: string }>;
}

const finiteOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

const numbersOf = (input: object | null | undefined): Record<string, number> => {
  const numbers: Record<string, number> = {};
  for (const [key, value] of Object.entries(input ?? {})) {
    const number = finiteOrNull(value);
    if (number !== null) numbers[key] = number;
  }
  return numbers;
};

function joinTranscript(transcript: AlertFactsTranscript | null | undefined): string {
  let text = '';
  for (const sentence of transcript?.sentences ?? []) {
    text += (text ? '\n' : '') + sentence.text;
    if (text.length >= MAX_TRANSCRIPT_CHARS) return text.slice(0, MAX_TRANSCRIPT_CHARS);
  }
  return text;
}

/** Builds the facts of one record from plain shapes, so the pipeline can feed it whatever it loaded. */
export function buildAlertFacts(
  record: AlertFactsRecord,
  analysis: AlertFactsAnalysis | null | undefined,
  transcript: AlertFactsTranscript | null | undefined,
): AlertFacts {
  return {
    qualityScore: finiteOrNull(analysis?.qualityScore),
    complianceStatus: analysis?.complianceStatus ?? null,
    sentiment: analysis?.sentiment?.label ?? null,
    sentimentScore: finiteOrNull(analysis?.sentiment?.score),
    duration: finiteOrNull(record.duration),
    direction: record.direction ?? null,
    tags: (record.tags ?? []).map((tag) => (typeof tag === 'string' ? tag : tag.value)),
    transcript: joinTranscript(transcript),
    metrics: numbersOf(analysis?.metrics),
    categories: numbersOf(analysis?.categories),
  };
}
