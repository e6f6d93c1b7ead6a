import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TranscriptionResult } from '../sentences/transcript.types';
import { Transcript } from './transcript.entity';
import { TranscriptsRepository } from './transcripts.repository';

/** The transcripts of records, one per processing version; other contexts read them only through here. */
@Injectable()
export class TranscriptsService {
  constructor(private readonly transcripts: TranscriptsRepository) {}

  /** Idempotent per (record, version): pass the stage's transaction so the transcript commits with the move. */
  save(
    orgId: string,
    recordId: string,
    version: number,
    result: TranscriptionResult,
    manager?: EntityManager,
  ): Promise<Transcript> {
    return this.transcripts.upsert(orgId, recordId, version, result, manager);
  }

  /** The transcript of the newest version, or null when the record has none (yet). */
  latest(orgId: string, recordId: string, manager?: EntityManager): Promise<Transcript | null> {
    return this.transcripts.latest(orgId, recordId, manager);
  }

  /** Every version's transcript of a record (when the record is deleted); returns how many went. */
  deleteForRecord(orgId: string, recordId: string, manager?: EntityManager): Promise<number> {
    return this.transcripts.deleteForRecord(orgId, recordId, manager);
  }
}
