import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { TenantRepository } from '@app/database';
import { NoteEntity } from './note.entity';

@Injectable()
export class NotesRepository extends TenantRepository<NoteEntity> {
  constructor(@InjectRepository(NoteEntity) repository: Repository<NoteEntity>) {
    super(repository);
  }

  /** Ids of the records among `recordIds` that have at least one note. */
  async recordsWithNotes(orgId: string, recordIds: string[]): Promise<Set<string>> {
    if (recordIds.length === 0) return new Set();
    const rows = await this.query(orgId, 'n')
      .select('DISTINCT n.record_id', 'recordId')
      .andWhere('n.record_id IN (:...recordIds)', { recordIds })
      .getRawMany<{ recordId: string }>();
    return new Set(rows.map((row) => row.recordId));
  }
}
