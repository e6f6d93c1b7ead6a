import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { conflict, notFound } from '@app/core';
import { DatabaseService } from '@app/database';
import { JobName, JobsService, StageJobData } from '@app/queue';
import { RecordEntity, recordEventData, RecordProcessingService } from '@app/records';
import { isPermanentTranscriptionError, TranscriptionService, TranscriptsService } from '@app/transcription';
import { OutboxService } from '@app/webhooks';
import { PermanentStageError } from './pipeline.errors';
import { PipelineStage, RECORD_STAGE_OF, STARTS_FROM, STATE_OF_STAGE } from './processing-states';

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
    private readonly jobs: JobsService,
    private readonly outbox: OutboxService,
    private readonly transcription: TranscriptionService,
    private readonly transcripts: TranscriptsService,
    private readonly hooks: StageHooks,
  ) {}

  async runTranscription(data: StageJobData): Promise<StageOutcome> {
    const record = await this.claim('transcription', data);
    if (!record) return 'skipped';
    if (!record.storageKey) throw new PermanentStageError('The record has no audio to transcribe');
    // A transcript sent with the call (engine `none`) stands in for recognition of this version.
    const supplied = await this.transcripts.latest(data.orgId, data.recordId);
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
    const moved = await this.database.transaction(async (manager) => {
      const next = await this.processing.transition(
        data.orgId,
        data.recordId,
        { version: data.version, fromStages: ['transcribing'] },
        { ...STATE_OF_STAGE.analyzing, language: result.language },
        manager,
      );
      if (!next) return false;
      await this.transcripts.save(data.orgId, data.recordId, data.version, result, manager);
      await this.hooks.afterTranscription(manager, next, data.version);
      return true;
    });
    if (!moved) return 'skipped';
    await this.jobs.enqueue({ name: JobName.AnalyzeRecord, data });
    return 'done';
  }

  async runAnalysis(data: StageJobData): Promise<StageOutcome> {
    const record = await this.claim('analysis', data);
    if (!record) return 'skipped';
    const prepared = await this.hooks.prepareAnalysis(record, data.version);
    const moved = await this.database.transaction(async (manager) => {
      const next = await this.processing.transition(
        data.orgId,
        data.recordId,
        { version: data.version, fromStages: ['analyzing'] },
        { ...STATE_OF_STAGE.alerting, ...prepared.recordPatch },
        manager,
      );
      if (!next) return false;
      await prepared.commit(manager, next);
      return true;
    });
    if (!moved) return 'skipped';
    await this.jobs.enqueue({ name: JobName.EvaluateAlerts, data });
    return 'done';
  }

  async runAlerting(data: StageJobData): Promise<StageOutcome> {
    const record = await this.claim('alerting', data);
    if (!record) return 'skipped';
    const alerts = await this.hooks.prepareAlerts(record, data.version);
    let afterCommit: AfterCommit = async () => undefined;
    const moved = await this.database.transaction(async (manager) => {
      const done = await this.processing.transition(
        data.orgId,
        data.recordId,
        { version: data.version, fromStages: ['alerting'] },
        { ...STATE_OF_STAGE.done, completedAt: new Date() },
        manager,
      );
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
    const next = await this.database.transaction(async (manager) => {
      const record = await this.processing.find(orgId, recordId, manager);
      if (!record) throw notFound('Record');
      if (record.processingStatus !== 'completed' && record.processingStatus !== 'failed')
        throw conflict('The record is still being processed');
      const version = record.pipelineVersion + 1;
      const moved = await this.processing.transition(
        orgId,
        recordId,
        { version: record.pipelineVersion, fromStages: [record.processingStage] },
        {
          ...STATE_OF_STAGE.analyzing,
          processingStatus: 'pending',
          pipelineVersion: version,
          processingErrors: [],
          ...(profileId ? { analysisProfileId: profileId } : {}),
        },
        manager,
      );
      if (!moved) throw conflict('The record changed meanwhile; try again');
      return version;
    });
    await this.jobs.enqueue({ name: JobName.AnalyzeRecord, data: { recordId, orgId, version: next } });
    return { recordId, version: next };
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
      const failed = await this.processing.transition(
        data.orgId,
        data.recordId,
        { version: data.version, fromStages: [...STARTS_FROM[stage], RECORD_STAGE_OF[stage]] },
        {
          processingStatus: 'failed',
          processingStage: RECORD_STAGE_OF[stage],
          analysisStatus: STATE_OF_STAGE[RECORD_STAGE_OF[stage]].analysisStatus,
          sentimentLabel: 'ERROR',
          processingErrors: [
            ...record.processingErrors,
            { stage: RECORD_STAGE_OF[stage], message: reason, at: new Date().toISOString() },
          ],
        },
        manager,
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

  /** Moves the record into the stage's working state, if it is where this job expects it; null means skip. */
  private claim(stage: PipelineStage, data: StageJobData): Promise<RecordEntity | null> {
    const into = RECORD_STAGE_OF[stage];
    return this.database.transaction((manager: EntityManager) =>
      this.processing.transition(
        data.orgId,
        data.recordId,
        { version: data.version, fromStages: STARTS_FROM[stage] },
        STATE_OF_STAGE[into],
        manager,
      ),
    );
  }
}
