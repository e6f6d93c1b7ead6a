import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { conflict } from '@app/core';
import { DatabaseService } from '@app/database';
import { JobsService } from '@app/queue';
import { ProcessingStage, RecordEntity } from '../record.entity';
import { RecordsRepository } from '../records.repository';
import { recordNotFound } from '../records.errors';
import { FEATURES_OF_STAGE, FeatureName, FeatureOutcome } from './features';
import {
  jobToContinue,
  NEXT_JOB,
  PipelineStage,
  ProcessingPatch,
  RECORD_STAGE_OF,
  STARTS_FROM,
  STATE_OF_STAGE,
} from './processing-states';

export interface ExpectedState {
  version: number;
  fromStages: ProcessingStage[];
}

/** Feature writes that go with a transition, in the same statement. */
export interface FeatureWrites {
  /** The stage starts on these: `running`, its start time, one more attempt. */
  running?: FeatureName[];
  /** What the stage found, merged over what its start wrote. */
  outcomes?: Partial<Record<FeatureName, FeatureOutcome>>;
  /** Forgotten (shown `pending` again): the features of the stages a restart runs again. */
  reset?: FeatureName[];
}

export type RestartFrom = 'transcribing' | 'analyzing';

/**
 * The one owner of a record's processing state: the guarded transition every stage, intake path and restart goes
 * through, "move this record on" (the job for where it is) and "run it again from a stage". processing-states.ts
 * says which state comes next; this service is the only code that writes one.
 */
@Injectable()
export class RecordLifecycleService {
  private readonly logger = new Logger(RecordLifecycleService.name);

  constructor(
    private readonly database: DatabaseService,
    private readonly records: RecordsRepository,
    private readonly jobs: JobsService,
  ) {}

  /**
   * Applies `patch` (and the feature writes) only when the record is at `expected.version` and in one of
   * `expected.fromStages`; returns the updated record, or null when another worker, a retry or a restart got there
   * first (the caller then skips its work).
   */
  async transition(
    orgId: string,
    id: string,
    expected: ExpectedState,
    patch: ProcessingPatch,
    manager: EntityManager | undefined,
    features: FeatureWrites = {},
  ): Promise<RecordEntity | null> {
    const parameters: Record<string, unknown> = {
      orgId,
      id,
      version: expected.version,
      stages: expected.fromStages,
    };
    const set: Record<string, unknown> = { ...patch };
    const expression = featuresExpression(features, parameters);
    if (expression) set.features = () => expression;
    // One round trip: the guarded UPDATE answers the row it wrote (no read-back).
    const result = await (manager ?? this.database.manager)
      .createQueryBuilder()
      .update(RecordEntity)
      .set(set as never)
      .where('org_id = :orgId AND id = :id')
      .andWhere('pipeline_version = :version')
      .andWhere('processing_stage IN (:...stages)')
      .setParameters(parameters)
      .returning('*')
      .execute();
    const [row] = result.raw as Array<Record<string, unknown>>;
    return row ? this.records.hydrate(row, manager) : null;
  }

  /** A stage job takes its record: into the stage's working state, its features running. Null: skip the job. */
  claim(
    stage: PipelineStage,
    orgId: string,
    recordId: string,
    version: number,
  ): Promise<RecordEntity | null> {
    // A single statement: atomic without a transaction of its own.
    return this.transition(
      orgId,
      recordId,
      { version, fromStages: STARTS_FROM[stage] },
      STATE_OF_STAGE[RECORD_STAGE_OF[stage]],
      undefined,
      { running: FEATURES_OF_STAGE[stage] },
    );
  }

  /**
   * Queues the job that moves the record on from where it is (after the transaction that put it there). A queue
   * that cannot be reached does not fail the caller: the record is committed, and the reconciler re-drives it.
   */
  async continue(record: RecordEntity): Promise<void> {
    const job = jobToContinue(record);
    if (!job) return;
    try {
      await this.jobs.enqueue(job);
    } catch (error) {
      this.logger.error(`Could not queue ${record.id} (${job.name}): ${(error as Error).message}`);
    }
  }

  /**
   * A stage job found nothing to claim. If that is because its own work is already committed for this version
   * (the record waits for the next stage) it queues the next stage's job: the first run may have committed and
   * then lost its enqueue to a Redis outage. The job id makes this a no-op when the job exists.
   */
  async continueAfter(stage: PipelineStage, orgId: string, recordId: string, version: number): Promise<void> {
    const record = await this.records.findIncludingDeleted(orgId, recordId);
    if (!record || record.pipelineVersion !== version) return;
    const job = jobToContinue(record);
    if (job && job.name === NEXT_JOB[stage]) await this.jobs.enqueue(job);
  }

  /**
   * The reconciler's re-drive: the job for where the record is, under its deterministic id, even when an earlier
   * job of that id failed or completed (a stale id would otherwise swallow it).
   */
  async redrive(record: Parameters<typeof jobToContinue>[0]): Promise<boolean> {
    const job = jobToContinue(record);
    if (!job) return false;
    return (await this.jobs.redrive(job)) === 'queued';
  }

  /**
   * Runs a record again from a stage under a new pipeline version. Allowed when it is completed or failed, or when
   * no job for its stage is waiting or running (stuck: its job failed or was lost); a conflict only while a stage
   * really is at work. From `analyzing` the transcript is kept (no new recognition, no new bill).
   */
  async restart(
    orgId: string,
    recordId: string,
    from: RestartFrom,
    options: { analysisProfileId?: string } = {},
  ): Promise<RecordEntity> {
    const restarted = await this.database.transaction(async (manager) => {
      const record = await this.records.findIncludingDeleted(orgId, recordId, manager);
      if (!record) throw recordNotFound();
      if (record.processingStage === 'uploading') throw conflict('The record has no audio yet');
      if (from === 'transcribing' && !record.storageKey)
        throw conflict('The record has no audio to transcribe; reprocess it from analyzing');
      const finished = record.processingStatus === 'completed' || record.processingStatus === 'failed';
      const job = jobToContinue(record);
      if (!finished && job && (await this.jobs.isPending(job)))
        throw conflict('The record is being processed; it can be restarted once it is done, failed or stuck');
      const state =
        from === 'analyzing'
          ? { ...STATE_OF_STAGE.analyzing, processingStatus: 'pending' as const }
          : STATE_OF_STAGE.queued;
      const rerun: PipelineStage[] =
        from === 'analyzing' ? ['analysis', 'alerting'] : ['transcription', 'analysis', 'alerting'];
      const moved = await this.transition(
        orgId,
        recordId,
        { version: record.pipelineVersion, fromStages: [record.processingStage] },
        {
          ...state,
          pipelineVersion: record.pipelineVersion + 1,
          processingErrors: [],
          completedAt: null,
          ...(options.analysisProfileId ? { analysisProfileId: options.analysisProfileId } : {}),
        },
        manager,
        { reset: rerun.flatMap((stage) => FEATURES_OF_STAGE[stage]) },
      );
      if (!moved) throw conflict('The record changed meanwhile; try again');
      return moved;
    });
    await this.continue(restarted);
    return restarted;
  }
}

/** The SQL that writes `writes` into the features column, or null when there is nothing to write. */
function featuresExpression(writes: FeatureWrites, parameters: Record<string, unknown>): string | null {
  let expression = 'features';
  let changed = false;
  if (writes.reset?.length) {
    parameters.featuresReset = writes.reset;
    expression = `(${expression} - CAST(:featuresReset AS text[]))`;
    changed = true;
  }
  for (const name of writes.running ?? []) {
    parameters.featuresNow = new Date().toISOString();
    const attempts = `COALESCE((features->'${name}'->>'attempts')::int, 0) + 1`;
    expression = `jsonb_set(${expression}, '{${name}}', jsonb_build_object('status', 'running', 'startedAt', CAST(:featuresNow AS text), 'attempts', ${attempts}))`;
    changed = true;
  }
  for (const [name, outcome] of Object.entries(writes.outcomes ?? {})) {
    const key = `feature_${name}`;
    parameters[key] = JSON.stringify({ finishedAt: new Date().toISOString(), ...outcome });
    expression = `jsonb_set(${expression}, '{${name}}', COALESCE(features->'${name}', '{"attempts": 1}'::jsonb) || CAST(:${key} AS jsonb))`;
    changed = true;
  }
  return changed ? expression : null;
}
