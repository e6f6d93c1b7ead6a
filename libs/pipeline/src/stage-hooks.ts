import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AlertEmailsService, AlertsService, buildAlertFacts } from '@app/alerts';
import {
  ANALYSIS_EMBEDDER,
  ANALYSIS_LLM,
  AnalysesService,
  analyzeTranscript,
  AnalysisProfilesService,
  LlmSummarizer,
  presentAnalysis,
  scorecardOf,
  type SentenceEmbedder,
  REDACTION_MARGIN_SECONDS,
  silenceSpans,
  widenSpans,
  Transcript as AnalysisInput,
} from '@app/analysis';
import { BillingService } from '@app/billing';
import { RecordEntity, RecordProcessingService, RecordsService } from '@app/records';
import type { FeatureName, FeatureOutcome, ProcessingPatch } from '@app/records';
import { CrmMatcher } from '@app/crm';
import { extractFollowups, FollowupsService } from '@app/followups';
import { SearchService } from '@app/search';
import { TranscriptsService } from '@app/transcription';
import { OutboxService } from '@app/webhooks';

/** What the analysis stage computed outside the transaction, and how it writes it inside. */
export interface PreparedAnalysis {
  recordPatch: ProcessingPatch;
  /** What the analysis found per feature it owns (redaction, metrics, sentiment, summary, scorecard). */
  features: Partial<Record<FeatureName, FeatureOutcome>>;
  commit(manager: EntityManager, record: RecordEntity): Promise<void>;
}

/** Work a stage hands on after its transaction commits (never inside: a rollback must not send anything). */
export type AfterCommit = () => Promise<void>;

/**
 * The work other contexts do inside the pipeline's stage transactions: usage metering, analysis, search indexing
 * and alert evaluation. Kept apart from PipelineService so the stage machine reads as the state machine it is.
 */
@Injectable()
export class StageHooks {
  private readonly logger = new Logger(StageHooks.name);

  constructor(
    private readonly processing: RecordProcessingService,
    private readonly transcripts: TranscriptsService,
    private readonly analyses: AnalysesService,
    private readonly profiles: AnalysisProfilesService,
    @Inject(ANALYSIS_LLM) private readonly llm: LlmSummarizer | null,
    @Inject(ANALYSIS_EMBEDDER) private readonly embedder: SentenceEmbedder,
    private readonly followups: FollowupsService,
    private readonly crm: CrmMatcher,
    private readonly records: RecordsService,
    private readonly billing: BillingService,
    private readonly search: SearchService,
    private readonly alerts: AlertsService,
    private readonly alertEmails: AlertEmailsService,
    private readonly outbox: OutboxService,
  ) {}

  /** A call is billed once its transcription completes: once per version, whatever the retries. */
  async afterTranscription(manager: EntityManager, record: RecordEntity, version: number): Promise<void> {
    await this.billing.recordUsage(manager, {
      orgId: record.orgId,
      recordId: record.id,
      projectId: record.projectId,
      stage: 'transcription',
      version,
      durationSeconds: record.duration,
    });
  }

  async prepareAnalysis(record: RecordEntity, version: number): Promise<PreparedAnalysis> {
    const stored = await this.transcripts.latest(record.orgId, record.id);
    const settings = await this.processing.projectSettings(record.orgId, record.projectId);
    const profile = await this.profiles.resolve(
      record.orgId,
      record.analysisProfileId ?? settings.analysisProfileId,
    );
    const sentences = stored?.sentences ?? [];
    const input: AnalysisInput = {
      language: stored?.language ?? record.language ?? settings.language ?? 'en',
      speakers: stored?.speakers ?? [],
      sentences,
      duration: record.duration ?? sentences.at(-1)?.endTime ?? 0,
    };
    const result = await analyzeTranscript(input, scorecardOf(profile), {
      llm: this.llm,
      embedder: this.embedder,
      profileVersion: profile.version,
      onLlmFallback: (reason) => this.logger.warn(`LLM summary not used for ${record.id}: ${reason}`),
    });
    if (result.pii.length > 0 && record.storageKey) {
      // The copy served by ?redacted=true; written before the transaction, replaced on every new version.
      await this.processing.storeRedactedAudio(record, (input, output) =>
        silenceSpans(input, output, widenSpans(result.pii, REDACTION_MARGIN_SECONDS)),
      );
    }
    return {
      features: analysisFeatures(input, result.engine),
      recordPatch: {
        qualityScore: result.qualityScore,
        sentimentScore: result.sentiment.score,
        sentimentLabel: result.sentiment.label,
      },
      commit: async (manager, next) => {
        const analysis = await this.analyses.saveForRecord(
          record.orgId,
          record.id,
          version,
          profile.id,
          result,
          manager,
        );
        if (isEnglish(input.language))
          await this.followups.storeFound(
            manager,
            record,
            extractFollowups(
              input,
              record.date ?? record.createdAt,
              result.sentences.map((sentence) => sentence.redactedText),
            ),
          );
        await this.records.setCrmMatch(
          manager,
          record,
          await this.crm.match(manager, record.orgId, [
            record.customerPhone,
            record.from?.phoneNumber,
            record.to?.phoneNumber,
          ]),
        );
        await this.search.indexRecord(manager, {
          orgId: record.orgId,
          recordId: record.id,
          projectId: record.projectId,
          ownerId: record.ownerId,
          language: input.language,
          title: record.title,
          sentences: sentences.map((sentence) => ({ startTime: sentence.startTime, text: sentence.text })),
          summary: result.summary,
          recordDate: record.date ?? record.createdAt,
        });
        if (record.type === 'transcript') {
          // Typed conversations have no transcription stage: they are billed when their analysis completes.
          await this.billing.recordUsage(manager, {
            orgId: record.orgId,
            recordId: record.id,
            projectId: record.projectId,
            stage: 'analysis',
            version,
            durationSeconds: input.duration,
          });
        }
        await this.outbox.add(manager, {
          orgId: record.orgId,
          type: 'analysis.completed',
          dedupeKey: `analysis.completed:${record.id}:${version}`,
          data: { ...presentAnalysis(analysis), recordId: next.id },
        });
      },
    };
  }

  /**
   * Gathers the alert facts (outside the transaction: they read committed rows and must not hold a second pooled
   * connection while the stage's transaction holds one); `commit` evaluates the rules inside the stage transaction
   * and returns what to do once it has committed.
   */
  async prepareAlerts(
    record: RecordEntity,
    version: number,
  ): Promise<{ commit(manager: EntityManager): Promise<AfterCommit> }> {
    // Most calls meet no rule because their organisation has none: then there are no facts to gather. A rule made
    // while this runs is as late as one made just after the stage's commit.
    if (!(await this.alerts.hasRulesFor(record.orgId, record.projectId)))
      return { commit: () => Promise.resolve(async () => undefined) };
    const [analysis, transcript, tags] = await Promise.all([
      this.analyses.latestForRecord(record.orgId, record.id),
      this.transcripts.latest(record.orgId, record.id),
      this.processing.tagValues(record.orgId, record.id),
    ]);
    const facts = buildAlertFacts(
      { duration: record.duration, direction: record.direction, tags },
      analysis
        ? {
            qualityScore: analysis.qualityScore,
            complianceStatus: analysis.complianceStatus,
            sentiment: analysis.sentiment,
            metrics: analysis.metrics,
            categories: analysis.categories,
          }
        : null,
      transcript,
    );
    return {
      commit: async (manager) => {
        const events = await this.alerts.evaluateForRecord(manager, {
          orgId: record.orgId,
          recordId: record.id,
          projectId: record.projectId,
          ownerId: record.ownerId,
          version,
          facts,
        });
        return async () => {
          if (events.length > 0) await this.alertEmails.enqueueFor(events);
        };
      },
    };
  }
}

/** Sentiment and follow-up extraction read English only. */
const isEnglish = (language: string) => /^en(\b|[-_])/i.test(language);

/**
 * What the analysis stage reports per feature: a call with no words has nothing to redact, feel or summarise
 * ("no speech"), and the lexicon sentiment reads English only.
 */
export function analysisFeatures(
  input: Pick<AnalysisInput, 'language' | 'sentences'>,
  engine: { sentiment: string; summary: string },
): Partial<Record<FeatureName, FeatureOutcome>> {
  const noSpeech = input.sentences.length === 0;
  const skipped: FeatureOutcome = { status: 'skipped', reason: 'no speech' };
  const english = isEnglish(input.language);
  return {
    redaction: noSpeech ? skipped : { status: 'ok', engine: 'pii-detector' },
    metrics: { status: 'ok' },
    sentiment: noSpeech
      ? skipped
      : english
        ? { status: 'ok', engine: engine.sentiment }
        : { status: 'not_supported', reason: `language ${input.language} is not supported by sentiment` },
    summary: noSpeech ? skipped : { status: 'ok', engine: engine.summary },
    scorecard: { status: 'ok' },
    // The call's numbers against the CRM's customers (libs/crm): speech or not, language or not.
    crmMatch: { status: 'ok', engine: 'phone-numbers' },
    followups: noSpeech
      ? skipped
      : english
        ? { status: 'ok', engine: 'commitments' }
        : {
            status: 'not_supported',
            reason: `language ${input.language} is not supported by follow-up extraction`,
          },
  };
}
