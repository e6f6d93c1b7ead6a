import { processMetrics } from '@app/core';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DatabaseService } from '@app/database';
import { JobItem, JobsService, StageJobData } from '@app/queue';
import {
  failedState,
  FEATURES_OF_STAGE,
  FeatureName,
  FeatureOutcome,
  NEXT_JOB,
  NEXT_STATE,
  PipelineStage,
  ProcessingPatch,
  RECORD_STAGE_OF,
  RecordEntity,
  recordEventData,
  RecordLifecycleService,
  RecordProcessingService,
  STARTS_FROM,
} from '@app/records';
import { isPermanentTranscriptionError, TranscriptionService, TranscriptsService } from '@app/transcription';
import { OutboxService } from '@app/webhooks';
import { PermanentStageError } from './pipeline.errors';

import { AfterCommit, StageHooks } from './stage-hooks';

export type StageOutcome = 'done' | 'skipped';

/**
 * The stage machine that moves a record along: transcription → analysis → alerting → done. Each stage claims the
 * record for its version, does its work, then writes its result and the move to the next stage in ONE transaction
 * (with its outbox events), and only then enqueues the next job with a deterministic id. A duplicate or retried job
 * for a version already past that stage finds nothing to claim and is skipped. The only writer of the processing
 * state of a record.
 */
@Injectable()
export class PipelineService {
  private readonly logger = new Logger(PipelineService.name);

  constructor(
    private readonly database: DatabaseService,
    private readonly processing: RecordProcessingService,
    private readonly lifecycle: RecordLifecycleService,
    private readonly jobs: JobsService,
    private readonly outbox: OutboxService,
    private readonly transcription: TranscriptionService,
    private readonly transcripts: TranscriptsService,
    private readonly hooks: StageHooks,
  ) {}

  async runTranscription(data: StageJobData): Promise<StageOutcome> {
    const record = await this.lifecycle.claim('transcription', data.orgId, data.recordId, data.version);
    if (!record) return this.skip('transcription', data);
    if (!record.storageKey) throw new PermanentStageError('The record has no audio to transcribe');
    // A transcript sent with the call (engine `none`) stands in for recognition of this version.
    const supplied = await this.transcripts.latest(data.orgId, data.recordId);
    const recognitionStarted = performance.now();
    const result =
      supplied?.version === data.version && supplied.engine === 'none'
        ? {
            engine: supplied.engine,
            language: supplied.language,
            speakers: supplied.speakers,
            sentences: supplied.sentences,
            duration: supplied.duration,
          }
        : await this.processing
            .withAudioFile(record, (path) =>
              this.transcription.transcribeRecording({
                path,
                channels: record.channels ?? undefined,
                duration: record.duration ?? undefined,
                masks: record.masks.map((mask) => ({ start: mask.startTime, end: mask.endTime })),
                language: record.language ?? undefined,
              }),
            )
            .catch((error: unknown) => {
              if (isPermanentTranscriptionError(error))
                throw new PermanentStageError((error as Error).message);
              throw error;
            });
    if (result.engine !== 'none' && result.duration > 0)
      processMetrics().realTimeFactor.observe(
        (performance.now() - recognitionStarted) / 1000 / result.duration,
      );
    const transcription: FeatureOutcome =
      result.sentences.length === 0
        ? { status: 'skipped', reason: 'no speech', engine: result.engine }
        : { status: 'ok', engine: result.engine };
    const moved = await this.database.transaction(async (manager) => {
      const next = await this.move('transcription', data, { language: result.language }, manager, {
        transcription,
      });
      if (!next) return false;
      await this.transcripts.save(data.orgId, data.recordId, data.version, result, manager);
      await this.hooks.afterTranscription(manager, next, data.version);
      return true;
    });
    if (!moved) return 'skipped';
    await this.enqueueNext('transcription', data);
    return 'done';
  }

  async runAnalysis(data: StageJobData): Promise<StageOutcome> {
    const record = await this.lifecycle.claim('analysis', data.orgId, data.recordId, data.version);
    if (!record) return this.skip('analysis', data);
    const prepared = await this.hooks.prepareAnalysis(record, data.version);
    const moved = await this.database.transaction(async (manager) => {
      const next = await this.move('analysis', data, prepared.recordPatch, manager, prepared.features);
      if (!next) return false;
      await prepared.commit(manager, next);
      return true;
    });
    if (!moved) return 'skipped';
    await this.enqueueNext('analysis', data);
    return 'done';
  }

  async runAlerting(data: StageJobData): Promise<StageOutcome> {
    const record = await this.lifecycle.claim('alerting', data.orgId, data.recordId, data.version);
    if (!record) return this.skip('alerting', data);
    const alerts = await this.hooks.prepareAlerts(record, data.version);
    let afterCommit: AfterCommit = async () => undefined;
    const moved = await this.database.transaction(async (manager) => {
      const done = await this.move('alerting', data, { completedAt: new Date() }, manager, {
        alerts: { status: 'ok' },
      });
      if (!done) return false;
      afterCommit = await alerts.commit(manager);
      await this.outbox.add(manager, {
        orgId: data.orgId,
        type: 'record.completed',
        dedupeKey: `record.completed:${data.recordId}:${data.version}`,
        data: recordEventData(done),
      });
      return true;
    });
    if (!moved) return 'skipped';
    await afterCommit();
    return 'done';
  }

  /**
   * A new analysis version of a finished record, optionally with another scorecard: the record waits at
   * `analyzing` under a new pipeline version and the analysis stage runs again (no re-transcription, no new bill).
   */
  async reanalyze(
    orgId: string,
    recordId: string,
    profileId?: string,
  ): Promise<{ recordId: string; version: number }> {
    const record = await this.lifecycle.restart(orgId, recordId, 'analyzing', {
      analysisProfileId: profileId,
    });
    return { recordId, version: record.pipelineVersion };
  }

  /**
   * After the last attempt (or a permanent error): the record is failed with a readable reason, once per version,
   * and record.failed goes out with the same transaction.
   */
  async markFailed(stage: PipelineStage, data: StageJobData, reason: string): Promise<boolean> {
    return this.database.transaction(async (manager) => {
      const record = await this.processing.find(data.orgId, data.recordId, manager);
      if (!record || record.pipelineVersion !== data.version || record.processingStatus === 'failed')
        return false;
      const failed = await this.lifecycle.transition(
        data.orgId,
        data.recordId,
        { version: data.version, fromStages: [...STARTS_FROM[stage], RECORD_STAGE_OF[stage]] },
        {
          ...failedState(stage),
          processingErrors: [
            ...record.processingErrors,
            { stage: RECORD_STAGE_OF[stage], message: reason, at: new Date().toISOString() },
          ],
        },
        manager,
        {
          outcomes: Object.fromEntries(
            FEATURES_OF_STAGE[stage].map((name) => [name, { status: 'failed', reason }]),
          ),
        },
      );
      if (!failed) return false;
      await this.outbox.add(manager, {
        orgId: data.orgId,
        type: 'record.failed',
        dedupeKey: `record.failed:${data.recordId}:${data.version}`,
        data: recordEventData(failed),
      });
      this.logger.warn(`Record ${data.recordId} failed in ${stage}: ${reason}`);
      return true;
    });
  }

  /** The stage's work is written: the record moves to the next state, with what the stage found per feature. */
  private move(
    stage: PipelineStage,
    data: StageJobData,
    patch: ProcessingPatch,
    manager: EntityManager,
    features: Partial<Record<FeatureName, FeatureOutcome>>,
  ): Promise<RecordEntity | null> {
    return this.lifecycle.transition(
      data.orgId,
      data.recordId,
      { version: data.version, fromStages: [RECORD_STAGE_OF[stage]] },
      { ...NEXT_STATE[stage], ...patch },
      manager,
      { outcomes: features },
    );
  }

  /** Nothing to claim: a duplicate, a stale version, or this stage's work already done (then the next is queued). */
  private async skip(stage: PipelineStage, data: StageJobData): Promise<StageOutcome> {
    await this.lifecycle.continueAfter(stage, data.orgId, data.recordId, data.version);
    return 'skipped';
  }

  private async enqueueNext(stage: PipelineStage, data: StageJobData): Promise<void> {
    const name = NEXT_JOB[stage];
    if (name) await this.jobs.enqueue({ name, data } as JobItem);
  }
}
