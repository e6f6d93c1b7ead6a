import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { newId } from '@app/core';
import { TenantRepository } from '@app/database';
import { TranscriptionResult } from '../sentences/transcript.types';
import { Transcript } from './transcript.entity';

@Injectable()
export class TranscriptsRepository extends TenantRepository<Transcript> {
  constructor(@InjectRepository(Transcript) repository: Repository<Transcript>) {
    super(repository);
  }

  /**
   * Writes the transcript of (record, version) once: a repeated save of the same version (a retried job)
   * replaces its content in place and keeps its id, so there is never a second row. Only a row of the same
   * organisation is ever replaced.
   */
  async upsert(
    orgId: string,
    recordId: string,
    version: number,
    result: TranscriptionResult,
    manager?: EntityManager,
  ): Promise<Transcript> {
    await this.repo(manager).query(
      `INSERT INTO transcripts (id, org_id, record_id, version, engine, language, duration, speakers, sentences)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb)
       ON CONFLICT (record_id, version) DO UPDATE
         SET engine = EXCLUDED.engine, language = EXCLUDED.language, duration = EXCLUDED.duration,
             speakers = EXCLUDED.speakers, sentences = EXCLUDED.sentences, updated_at = now()
         WHERE transcripts.org_id = EXCLUDED.org_id`,
      [
        newId('trs'),
        orgId,
        recordId,
        version,
        result.engine,
        result.language,
        result.duration,
        JSON.stringify(result.speakers),
        JSON.stringify(result.sentences),
      ],
    );
    const saved = await this.findBy(orgId, { recordId, version }, { take: 1 }, manager);
    if (!saved[0]) throw new Error(`transcript of ${recordId} v${version} belongs to another organisation`);
    return saved[0];
  }

  async latest(orgId: string, recordId: string, manager?: EntityManager): Promise<Transcript | null> {
    const [found] = await this.findBy(orgId, { recordId }, { order: { version: 'DESC' }, take: 1 }, manager);
    return found ?? null;
  }

  async deleteForRecord(orgId: string, recordId: string, manager?: EntityManager): Promise<number> {
    const result = await this.repo(manager).delete({ orgId, recordId });
    return result.affected ?? 0;
  }
}
