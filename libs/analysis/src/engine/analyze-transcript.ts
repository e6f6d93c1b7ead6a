import type { AnalysisResult, Bookmark } from '../analysis-result';
import { extractKeywords } from '../keywords/keywords';
import type { LlmSummarizer } from '../llm/llm-summarizer';
import { computeMetrics, METRIC_DEFINITIONS_VERSION } from '../metrics/conversation-metrics';
import { detectPii } from '../pii/pii-detector';
import { prepareText } from '../scorecard/phrase-matcher';
import { allCriteria, type ScorecardProfile } from '../scorecard/profile';
import { evaluateScorecard, type MeaningLookup, type MeaningNeed } from '../scorecard/scorecard';
import { prepareMeaning } from '../semantics/meaning-matcher';
import type { SentenceEmbedder } from '../semantics/sentence-embedder';
import { labelSentence, scoreSentence, summarizeSentiment } from '../sentiment/sentiment';
import { speakerTurns } from '../text/speaker-turns';
import { extractiveSummary } from '../summary/extractive-summary';
import { tokenize } from '../text/tokens';
import type { Transcript } from '../transcript';

export interface AnalyzeOptions {
  /** Told which example lists had no phrase match (what analyzeTranscript embeds for its second pass). */
  onMeaningNeeded?: (need: MeaningNeed) => void;
  embedderName?: string;
  /** Terms the organisation tracks: reported as keywords (and bookmarked) whenever said. */
  trackedKeywords?: string[];
  /** Seconds of overlap that make a speaker starting mid-turn an interruption. */
  interruptionMinOverlap?: number;
  /** When configured, the summary and improvements come from the model, falling back to the offline ones. */
  llm?: LlmSummarizer | null;
  /** Told why the model's answer was not used (for a log line; never includes the transcript). */
  onLlmFallback?: (reason: string) => void;
  /** Matches criteria by meaning (their `examples`); without one, only phrases match. */
  embedder?: SentenceEmbedder | null;
  /** Matches by meaning, prepared by analyzeTranscript. */
  meaning?: MeaningLookup;
  /** The version of the profile being scored, named by the evaluation. */
  profileVersion?: number;
}

/** Drops utterances whose times cannot be placed; the per-sentence output still lines up with the input. */
function sane(transcript: Transcript): Transcript {
  const finite = (n: number) => (Number.isFinite(n) ? n : 0);
  return {
    ...transcript,
    duration: Math.max(0, finite(transcript.duration)),
    sentences: transcript.sentences.map((s) => {
      const startTime = Math.max(0, finite(s.startTime));
      return { ...s, text: s.text ?? '', startTime, endTime: Math.max(startTime, finite(s.endTime)) };
    }),
  };
}

/**
 * The whole analysis, offline and synchronous: metrics, sentiment, scorecard, PII and redaction, extractive
 * summary, keywords and bookmarks. Every text that leaves this function (summary, evidence, keywords) is taken from
 * the redacted sentences.
 */
export function computeAnalysis(
  input: Transcript,
  profile: ScorecardProfile,
  options: AnalyzeOptions = {},
): AnalysisResult {
  const transcript = sane(input);
  const metrics = computeMetrics(transcript, { interruptionMinOverlap: options.interruptionMinOverlap });
  // Tokenised once, shared by PII detection and phrase matching.
  const tokens = transcript.sentences.map((sentence) => tokenize(sentence.text));
  const pii = detectPii(transcript, undefined, (i) => tokens[i]);
  const redacted = pii.redactedTexts;
  // VADER is the dearest step of an analysis; a turn of one sentence is that sentence's text, scored once.
  const scoreOf = new Map<string, number>();
  const score = (text: string) => {
    let value = scoreOf.get(text);
    if (value === undefined) scoreOf.set(text, (value = scoreSentence(text)));
    return value;
  };
  const scores = transcript.sentences.map((sentence) => score(sentence.text));
  // The call's sentiment is read per speaker turn: a mean over sentences would fall as an engine cuts more of
  // them (neutral "My name is John." beside "Thank you so much!"), and punctuating engines cut more.
  const turns = speakerTurns(transcript);
  const turnScores = turns.map((turn) => score(turn.text));
  const prepared = transcript.sentences.map((sentence, i) => prepareText(sentence.text, tokens[i]));
  const scorecard = evaluateScorecard(profile, {
    transcript,
    metrics,
    prepared,
    meaning: options.meaning,
    onMeaningNeeded: options.onMeaningNeeded,
    profileVersion: options.profileVersion,
    quote: (index, match) => {
      if (!match || redacted[index] !== transcript.sentences[index].text) return redacted[index];
      const { tokens } = prepared[index];
      return transcript.sentences[index].text.slice(tokens[match.start].start, tokens[match.end - 1].end);
    },
  });
  const keywords = extractKeywords(transcript, redacted, { tracked: options.trackedKeywords });
  const bookmarks: Bookmark[] = [
    ...scorecard.criteria
      .filter((criterion) => criterion.evidence)
      .map((criterion) => ({
        text: criterion.evidence!.text,
        startTime: criterion.evidence!.startTime,
        type: 'phrase' as const,
      })),
    ...keywords.map((k) => ({ text: k.keyword, startTime: k.startTime, type: 'keyword' as const })),
  ].sort((a, b) => a.startTime - b.startTime);

  return {
    qualityScore: scorecard.qualityScore,
    complianceStatus: scorecard.complianceStatus,
    categories: scorecard.categories,
    criteria: scorecard.criteria,
    evaluation: scorecard.evaluation,
    summary: extractiveSummary(transcript, redacted),
    improvements: scorecard.improvements,
    sentiment: summarizeSentiment({ ...transcript, sentences: turns }, turnScores),
    metrics,
    keywords: keywords.map((k) => k.keyword),
    bookmarks,
    pii: pii.spans,
    engine: {
      sentiment: 'lexicon',
      summary: 'extractive',
      metricsVersion: METRIC_DEFINITIONS_VERSION,
      ...(options.meaning ? { meaning: options.embedderName ?? 'embeddings' } : {}),
    },
    sentences: transcript.sentences.map((_, i) => ({
      sentiment: Math.round(scores[i] * 1000) / 1000,
      sentimentLabel: labelSentence(scores[i]),
      redactedText: redacted[i],
    })),
  };
}

/** The conversation as the model reads it: one redacted line per utterance with the speaker's role. */
export function conversationText(transcript: Transcript, result: AnalysisResult): string {
  const roles = new Map(transcript.speakers.map((s) => [s.speakerId, s.role]));
  const label = { agent: 'Agent', customer: 'Customer', unknown: 'Speaker' } as const;
  return transcript.sentences
    .map((s, i) => `${label[roles.get(s.speakerId) ?? 'unknown']}: ${result.sentences[i].redactedText}`)
    .join('\n');
}

/**
 * The offline analysis, scored twice when criteria give examples: first by phrases alone, then — for the criteria
 * that no phrase met — by meaning, embedding only the utterances those criteria may match.
 */
async function withMeaning(
  transcript: Transcript,
  profile: ScorecardProfile,
  options: AnalyzeOptions,
): Promise<AnalysisResult> {
  const needs: MeaningNeed[] = [];
  const first = computeAnalysis(transcript, profile, {
    ...options,
    onMeaningNeeded: (need) => needs.push(need),
  });
  if (!options.embedder || needs.length === 0) return first;
  const meaning = await prepareMeaning(
    options.embedder,
    transcript.sentences.map((sentence) => sentence.text ?? ''),
    needs,
    // Rival meanings: every criterion's examples, and the forbidden phrases ("what do you want" is no greeting).
    allCriteria(profile).flatMap((criterion) =>
      [criterion.examples, criterion.appliesWhen?.examples, criterion.forbiddenPhrases].filter(
        (list): list is string[] => !!list?.length,
      ),
    ),
  );
  // Without a candidate utterance the second scoring would find what the first did.
  if (!meaning) return { ...first, engine: { ...first.engine, meaning: options.embedder.name } };
  return computeAnalysis(transcript, profile, { ...options, meaning, embedderName: options.embedder.name });
}

/**
 * What the analysis stage calls: the offline analysis, then — only when an LLM is configured and the call has
 * speech — an abstractive summary and coaching from the model, keeping the extractive ones if it fails.
 */
export async function analyzeTranscript(
  transcript: Transcript,
  profile: ScorecardProfile,
  options: AnalyzeOptions = {},
): Promise<AnalysisResult> {
  const result = await withMeaning(transcript, profile, options);
  if (!options.llm || transcript.sentences.length === 0) return result;
  const reply = await options.llm.summarize({
    conversation: conversationText(transcript, result),
    failedCriteria: result.improvements,
  });
  if (!reply.ok) {
    options.onLlmFallback?.(reply.reason);
    return result;
  }
  return {
    ...result,
    summary: reply.value.summary,
    // The scorecard's own failures stay (they are facts); the model's coaching is added after them.
    improvements: [...new Set([...result.improvements, ...reply.value.improvements])],
    engine: { ...result.engine, summary: 'llm' },
  };
}
