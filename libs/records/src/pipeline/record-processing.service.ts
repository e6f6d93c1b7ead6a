import { Inject, Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { EntityManager } from 'typeorm';
import { RecordEntity, ProcessingStage } from '../record.entity';
import { ProjectsRepository } from '../projects/projects.repository';
import { RecordsRepository } from '../records.repository';
import { TagsRepository } from '../tags/tags.repository';
import { ProcessingPatch, redactedAudioKey } from '../records.service';
import { STORAGE_DRIVER, StorageDriver } from '../storage/storage-driver';

export interface StuckRecord {
  orgId: string;
  recordId: string;
  version: number;
  /** `uploading` only for a URL ingest whose download has not happened yet (audio still at its source). */
  stage: ProcessingStage;
  type: RecordEntity['type'];
}

/**
 * What the pipeline needs from the records context: conditional state transitions (a stage moves a record only
 * from the state it expects, for the version it was queued for), the records stuck too long in a stage, and the
 * audio as a local file for the tools that read paths.
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
    return this.records.findOne(orgId, id, manager);
  }

  /**
   * Applies `patch` only when the record is at `version` and in one of `fromStages`; returns the updated record, or
   * null when another worker, a retry or a reprocess got there first (the caller then skips its work).
   */
  async transition(
    orgId: string,
    id: string,
    expected: { version: number; fromStages: ProcessingStage[] },
    patch: ProcessingPatch,
    manager: EntityManager,
  ): Promise<RecordEntity | null> {
    const result = await manager
      .createQueryBuilder()
      .update(RecordEntity)
      .set(patch as never)
      .where('org_id = :orgId AND id = :id', { orgId, id })
      .andWhere('pipeline_version = :version', { version: expected.version })
      .andWhere('processing_stage IN (:...stages)', { stages: expected.fromStages })
      .execute();
    if ((result.affected ?? 0) === 0) return null;
    return this.records.findOne(orgId, id, manager);
  }

  /** Records of any organisation sitting in a non-final stage since before `olderThanSeconds` ago. */
  async findStuck(olderThanSeconds: number, limit: number): Promise<StuckRecord[]> {
    const rows: Array<{
      org_id: string;
      id: string;
      pipeline_version: number;
      processing_stage: ProcessingStage;
      type: RecordEntity['type'];
    }> = await this.system.query(
      // An upload still `uploading` waits for its client; a URL ingest waits for a job that may have been lost.
      `SELECT org_id, id, pipeline_version, processing_stage, type FROM records
           WHERE processing_status IN ('pending', 'processing')
             AND (processing_stage IN ('queued', 'transcribing', 'analyzing', 'alerting')
                  OR (processing_stage = 'uploading' AND source_url IS NOT NULL))
             AND updated_at < now() - make_interval(secs => $1)
           ORDER BY updated_at LIMIT $2`,
      [olderThanSeconds, limit],
    );
    return rows.map((row) => ({
      orgId: row.org_id,
      recordId: row.id,
      version: row.pipeline_version,
      stage: row.processing_stage,
      type: row.type,
    }));
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
