import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Which tags a record carries. */
@Entity('record_tags')
export class RecordTagEntity {
  @PrimaryColumn('text')
  recordId: string;

  @PrimaryColumn('text')
  tagId: string;

  @Column('text')
  orgId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
