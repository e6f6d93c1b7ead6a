import type { AnalysisEntity, ConversationMetrics, Evaluation } from '@app/analysis';
import { DEFAULT_COLOR_BANDS } from '@app/analysis';
import type { FollowupEntity } from '@app/followups';
import type { FeatureName, RecordView } from '@app/records';

/** What the recording object may carry besides the record (the `include*` flags choose). */
export interface SiroParts {
  orgId: string;
  analysis: AnalysisEntity | null;
  evaluation?: boolean;
  followups?: FollowupEntity[];
  crmOpportunities?: boolean;
  crmAccounts?: boolean;
  photos?: boolean;
  mediaOpportunities?: boolean;
  multimediaEvents?: boolean;
  mobileEvents?: boolean;
}

const ms = (seconds: number | null | undefined) => (seconds == null ? null : Math.round(seconds * 1000));
const percent = (share: number | null | undefined) =>
  share == null ? null : Math.round(share * 10000) / 100;
const round2 = (value: number | null | undefined) => (value == null ? null : Math.round(value * 100) / 100);

/** Siro's overall status: in-progress until the pipeline ends. */
const PROCESSING_STATUS = {
  pending: 'in-progress',
  processing: 'in-progress',
  completed: 'complete',
  failed: 'error',
};
/** Siro's four stages over Parley's six. */
const PROCESSING_STAGE: Record<string, string> = {
  uploading: 'uploading',
  queued: 'processing',
  transcribing: 'processing',
  analyzing: 'processing',
  alerting: 'processing',
  done: 'done',
};

function transcriptionStatus(record: RecordView): string {
  if (record.processingStatus === 'failed')
    return record.processingErrors.some((e) => /transcri/i.test(String(e))) ? 'ERROR' : 'COMPLETE';
  if (record.processingStage === 'uploading') return 'UPLOADING';
  if (record.processingStage === 'queued') return 'UPLOADED';
  if (record.processingStage === 'transcribing') return 'TRANSCRIBING';
  return 'COMPLETE';
}

/** A feature's status in Siro's words (`not-started | in-progress | complete | error`). */
function featureStatus(record: RecordView, name: FeatureName): string {
  const status = record.features[name]?.status;
  if (status === 'ok' || status === 'skipped') return 'complete';
  if (status === 'failed') return 'error';
  if (status === 'running') return 'in-progress';
  return 'not-started';
}

/** Siro's conversation metrics: milliseconds for times, percent for shares (docs/metrics.md says which is which). */
function metrics(m: ConversationMetrics | undefined) {
  return {
    conversationTime: ms(m?.conversationTime),
    repSpeakingTime: ms(m?.agentTalkTime),
    customerSpeakingTime: ms(m?.customerTalkTime),
    customerQuestionsCount: m?.customerQuestions ?? null,
    repQuestionsCount: m?.agentQuestions ?? null,
    exchangesCount: m?.exchanges ?? null,
    repExchangesCount: m?.agentExchanges ?? null,
    totalRepExchangesWithAQuestion: m?.agentExchangesWithQuestion ?? null,
    repWordCount: m?.agentWordCount ?? null,
    repUniqueWordsUsedCount: m?.agentUniqueWords ?? null,
    repFillerWordsCount: m?.agentFillerWords ?? null,
    longestMonologueMillis: ms(m?.longestMonologue),
    longestCustomerStoryMillis: ms(m?.longestCustomerStory),
    repWordsPerMinute: round2(m?.agentWordsPerMinute),
    repFillerWordsPerMin: round2(m?.agentFillerWordsPerMinute),
    repSpeakerShare: percent(m?.agentTalkShare),
    interactivityScore: percent(m?.interactivity),
    repControl: percent(m?.agentControl),
    repVocabularyLevel: m?.agentVocabularyLevel ?? null,
    totalRepVocabularyScore: percent(m?.agentVocabularyScore),
  };
}

/** Jump-to tags: where the analysis bookmarked a phrase or a keyword. */
function jumpToTags(analysis: AnalysisEntity | null) {
  return (analysis?.bookmarks ?? []).map((bookmark) => ({
    text: bookmark.text,
    timestampInMilliseconds: ms(bookmark.startTime),
    type: bookmark.type,
    types: [bookmark.type],
  }));
}

const NODE_TYPE = { SECTION: 'SECTION', METRIC: 'METRIC', CRITERION: 'AI_METRIC' } as const;

/** Siro's scorecard evaluation over Parley's evaluation tree. */
function evaluation(recordId: string, value: Evaluation | null) {
  if (!value) return { recordingId: recordId, hasScorecard: false, evaluatedNodes: [] };
  const indexInParent = new Map<string, number>();
  const counters = new Map<string, number>();
  for (const node of value.nodes) {
    const parent = node.parentId ?? 'root';
    counters.set(parent, (counters.get(parent) ?? 0) + 1);
    indexInParent.set(node.id, counters.get(parent)!);
  }
  return {
    recordingId: recordId,
    hasScorecard: true,
    evaluatedNodes: value.nodes.map((node) => ({
      id: node.id,
      name: node.name,
      indexNumber: indexInParent.get(node.id),
      parentId: node.parentId ?? 'root',
      nodeType: node.nodeType === 'CRITERION' ? NODE_TYPE.CRITERION : node.nodeType,
      metadata: { metricId: node.id, metricType: node.nodeType === 'SECTION' ? undefined : 'AI_METRIC' },
      pointsPossible: node.pointsPossible,
      pointsEarned: node.pointsEarned,
      color: node.color,
      description: node.reason ?? null,
      metricValue: node.metricValue ?? null,
      unit: node.unit ?? null,
      unitAbbreviated: node.unit ?? null,
    })),
    sectionWeights: value.sections.map((section) => ({
      scorecardNodeId: section.id,
      weight: section.weight,
    })),
    colorConfigurations: DEFAULT_COLOR_BANDS.map((band) => ({ ...band })),
    scorecardInstanceId: value.profileId ? `${value.profileId}:${value.profileVersion}` : null,
    evaluationQualified: value.score !== null,
    pointsPossible: value.pointsPossible,
    pointsEarned: value.pointsEarned,
  };
}

/** Siro's follow-up (status and history as Parley keeps them; the type in Siro's two kinds). */
export function siroFollowup(followup: FollowupEntity, record: RecordView) {
  const lastNote = [...followup.history].reverse().find((entry) => entry.note)?.note ?? null;
  const completion = [...followup.history].reverse().find((entry) => entry.status === 'COMPLETE');
  return {
    recordingId: followup.recordId,
    recordingTitle: record.title,
    repName: record.agentName,
    repId: followup.ownerId,
    followupId: followup.id,
    dateCreated: followup.createdAt.toISOString(),
    followupType: followup.type === 'SEND_INFO' ? 'CROSS_SELL' : 'REHASH',
    followupAction: followup.text,
    context: followup.dueAt ? [{ header: 'FOLLOW_UP_TIME', value: followup.dueAt.toISOString() }] : [],
    updatedAt: followup.updatedAt.toISOString(),
    starred: followup.starred,
    status: followup.status,
    hasFollowupComment: lastNote !== null,
    note: lastNote,
    completed: followup.status === 'COMPLETE',
    completedBy: completion?.updatedByUserId ?? null,
    completedAt: completion?.createdAt ?? null,
    history: followup.history.map((entry) => ({
      id: entry.id,
      updatedBy: entry.updatedByUserId ?? 'system',
      updatedByUserId: entry.updatedByUserId,
      createdAt: entry.createdAt,
      note: entry.note,
      status: entry.status,
    })),
  };
}

/**
 * The Siro recording object (seed 001) from a Parley record, its newest analysis and its follow-ups: Siro's names
 * and units (milliseconds, percent). Fields Parley has no equivalent of are left out.
 */
export function siroRecording(record: RecordView, parts: SiroParts) {
  const view = record as RecordView & {
    crmCustomer?: unknown;
    crmOpportunities?: Array<Record<string, unknown>>;
  };
  const { analysis } = parts;
  const [repFirstName, ...rest] = (record.agentName ?? '').split(' ');
  return {
    id: record.id,
    dateCreated: record.createdAt,
    deleted: record.deleted,
    deletedDate: record.deletedAt,
    deletedPermanently: false,
    doNotDelete: record.legalHold,
    transcriptionStatus: transcriptionStatus(record),
    processingStatus: PROCESSING_STATUS[record.processingStatus],
    processingStage: PROCESSING_STAGE[record.processingStage] ?? 'processing',
    processingErrors: [
      ...(featureStatus(record, 'summary') === 'error' ? ['summary-failed'] : []),
      ...(featureStatus(record, 'scorecard') === 'error' ? ['bookmarking-failed'] : []),
    ],
    processingError: record.processingErrors.length ? String(record.processingErrors[0]) : null,
    organizationId: parts.orgId,
    userId: record.ownerId,
    repFirstName: repFirstName || null,
    repLastName: rest.join(' ') || null,
    title: record.title,
    result: null,
    durationInMilliseconds: ms(record.duration),
    audioDurationInMilliseconds: ms(record.duration),
    detected_language: record.language,
    transcriptionLanguage: record.language?.startsWith('en') ? 'English' : record.language,
    conversationType: record.type,
    isVideo: false,
    tags: Object.fromEntries(record.tags.map((tag) => [tag.value, true])),
    redactedTranscript: analysis ? analysis.sentences.map((s) => s.redactedText).join('\n') : null,
    jumpToTags: jumpToTags(analysis),
    jumpToTagsWordsOnly: jumpToTags(analysis).map((tag) => tag.text),
    ...metrics(analysis?.metrics),
    summaryProcessingStatus: featureStatus(record, 'summary'),
    bookmarkingProcessingStatus: featureStatus(record, 'scorecard'),
    aiMetricsProcessingStatus: featureStatus(record, 'metrics'),
    allChunksUploaded: record.processingStage !== 'uploading',
    ...(parts.evaluation ? { evaluation: evaluation(record.id, analysis?.evaluation ?? null) } : {}),
    ...(parts.followups ? { followups: parts.followups.map((f) => siroFollowup(f, record)) } : {}),
    ...(parts.crmAccounts ? { crmCustomer: view.crmCustomer ?? null } : {}),
    ...(parts.crmOpportunities ? { crmOpportunities: view.crmOpportunities ?? [] } : {}),
    ...(parts.photos ? { images: [] } : {}),
    ...(parts.mediaOpportunities ? { mediaOpportunities: [] } : {}),
    ...(parts.multimediaEvents ? { multimediaEvents: [] } : {}),
    ...(parts.mobileEvents ? { mobileEvents: [] } : {}),
  };
}
