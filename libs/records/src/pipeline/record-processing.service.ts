import { Inject, Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { EntityManager } from 'typeorm';
import { RecordEntity } from '../record.entity';
import { ProjectsRepository } from '../projects/projects.repository';
import { RecordsRepository } from '../records.repository';
import { TagsRepository } from '../tags/tags.repository';
import { redactedAudioKey, STORAGE_DRIVER, StorageDriver } from '../storage/storage-driver';

/** A record left too long in a stage: what the lifecycle needs to queue the job for where it is. */
export type StuckRecord = Pick<
  RecordEntity,
  'id' | 'orgId' | 'pipelineVersion' | 'processingStatus' | 'processingStage' | 'type' | 'sourceUrl'
>;

/**
 * What the pipeline needs from the records context beside the lifecycle: the records stuck too long in a stage,
 * the project's settings and tags, and the audio as a local file for the tools that read paths.
 */
@Injectable()
export class RecordProcessingService {
  constructor(
    private readonly records: RecordsRepository,
    private readonly projects: ProjectsRepository,
    private readonly tags: TagsRepository,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
    /** For the system-wide sweep, which by nature spans organisations. */
    @InjectEntityManager() private readonly system: EntityManager,
  ) {}

  find(orgId: string, id: string, manager?: EntityManager): Promise<RecordEntity | null> {
    return this.records.findIncludingDeleted(orgId, id, manager);
  }

  /**
   * Records of any organisation left too long where they are: waiting for a job (pending, or an ingest still to
   * download) longer than `waitingSeconds`, or in a working stage longer than `runningSeconds`.
   */
  async findStuck(
    limits: { waitingSeconds: number; runningSeconds: number },
    limit: number,
  ): Promise<StuckRecord[]> {
    return this.system.query(
      // An upload still `uploading` waits for its client; a URL ingest waits for a job that may have been lost.
      `SELECT org_id AS "orgId", id, pipeline_version AS "pipelineVersion", processing_status AS "processingStatus",
              processing_stage AS "processingStage", type, source_url AS "sourceUrl"
         FROM records
        WHERE processing_status IN ('pending', 'processing')
          AND (
            (processing_status = 'pending'
              AND (processing_stage IN ('queued', 'analyzing') OR (processing_stage = 'uploading' AND source_url IS NOT NULL))
              AND updated_at < now() - make_interval(secs => $1))
            OR (processing_stage IN ('transcribing', 'analyzing', 'alerting')
              AND updated_at < now() - make_interval(secs => $2)))
        ORDER BY updated_at LIMIT $3`,
      [limits.waitingSeconds, limits.runningSeconds, limit],
    );
  }

  /** Lets a re-driven record show it was touched, so the sweep does not pick it again at once. */
  async touch(orgId: string, id: string, version: number): Promise<void> {
    await this.system.query(
      `UPDATE records SET updated_at = now() WHERE org_id = $1 AND id = $2 AND pipeline_version = $3`,
      [orgId, id, version],
    );
  }

  /** The project settings a stage applies to its records. */
  async projectSettings(
    orgId: string,
    projectId: string,
  ): Promise<{ analysisProfileId: string | null; language: string | null }> {
    const project = await this.projects.findOne(orgId, projectId);
    return { analysisProfileId: project?.analysisProfileId ?? null, language: project?.language ?? null };
  }

  async tagValues(orgId: string, recordId: string): Promise<string[]> {
    const tags = await this.tags.forRecords(orgId, [recordId]);
    return tags.map((tag) => tag.value);
  }

  /** Runs `work` with the record's original audio as a local file path. */
  withAudioFile<T>(record: RecordEntity, work: (path: string) => Promise<T>): Promise<T> {
    if (!record.storageKey) throw new Error(`Record ${record.id} has no audio`);
    return this.storage.withLocalFile(record.storageKey, work);
  }

  /**
   * Stores the redacted copy of a record's audio (served by GET /records/:id/audio?redacted=true): `produce` writes
   * it from the original's path to a local path with the same extension; it is then streamed into storage.
   */
  async storeRedactedAudio(
    record: RecordEntity,
    produce: (inputPath: string, outputPath: string) => Promise<void>,
  ): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), 'parley-redact-'));
    try {
      const output = join(dir, `redacted.${record.format}`);
      await this.withAudioFile(record, (input) => produce(input, output));
      const temp = await this.storage.createTemp();
      try {
        await pipeline(createReadStream(output), temp.stream);
        await this.storage.commit(temp.tempKey, redactedAudioKey(record));
      } catch (error) {
        await this.storage.discardTemp(temp.tempKey).catch(() => undefined);
        throw error;
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
