import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@app/database';

@Entity('notes')
export class NoteEntity extends TenantEntity {
  @Column('text')
  recordId: string;

  @Column('text')
  authorUserId: string;

  @Column('text')
  noteText: string;
}
