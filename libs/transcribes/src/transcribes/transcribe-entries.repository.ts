import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { TenantRepository } from '@app/database';
import { TranscribeEntryEntity } from './transcribe-entry.entity';

@Injectable()
export class TranscribeEntriesRepository extends TenantRepository<TranscribeEntryEntity> {
  constructor(@InjectRepository(TranscribeEntryEntity) repository: Repository<TranscribeEntryEntity>) {
    super(repository);
  }

  async insertAll(rows: TranscribeEntryEntity[], manager: EntityManager): Promise<void> {
    // chunks keep each INSERT well under PostgreSQL's 65535 bind parameters
    for (let start = 0; start < rows.length; start += 500)
      await this.repo(manager).insert(rows.slice(start, start + 500));
  }

  ofTranscribe(orgId: string, transcribeId: string): Promise<TranscribeEntryEntity[]> {
    return this.findBy(orgId, { transcribeId }, { order: { position: 'ASC' } });
  }

  ofTranscribes(orgId: string, transcribeIds: string[]): Promise<TranscribeEntryEntity[]> {
    if (transcribeIds.length === 0) return Promise.resolve([]);
    return this.findBy(orgId, { transcribeId: In(transcribeIds) }, { order: { position: 'ASC' } });
  }
}
