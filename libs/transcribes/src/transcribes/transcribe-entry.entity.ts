import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@app/database';

const numeric = {
  to: (value: number) => value,
  from: (value: string) => Number(value),
};

/** One utterance of a transcribe, in the order given. */
@Entity('transcribe_entries')
export class TranscribeEntryEntity extends TenantEntity {
  @Column('text')
  transcribeId: string;

  @Column('integer')
  position: number;

  /** Seconds from the start of the conversation. */
  @Column('numeric', { transformer: numeric })
  timestamp: number;

  @Column('text')
  author: string;

  @Column('text')
  text: string;
}
