import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@app/database';
import { Sentence, Speaker } from '../sentences/transcript.types';

const numeric = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? 0 : Number(value)),
};

/** The transcript of one processing version of a record. Records are referenced by id (another context). */
@Entity('transcripts')
export class Transcript extends TenantEntity {
  @Column('text')
  recordId: string;

  @Column('integer')
  version: number;

  @Column('text')
  engine: string;

  @Column('text')
  language: string;

  @Column('numeric', { precision: 12, scale: 3, transformer: numeric })
  duration: number;

  @Column('jsonb')
  speakers: Speaker[];

  @Column('jsonb')
  sentences: Sentence[];
}
