import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@app/database';

/** A reviewer's note pinned to a moment (or span) of an analysed call. */
@Entity('analysis_annotations')
export class AnnotationEntity extends TenantEntity {
  @Column('text')
  analysisId: string;

  /** The user id, or the API client id, that wrote it. */
  @Column('text')
  author: string;

  @Column('double precision')
  startTime: number;

  @Column('double precision', { nullable: true })
  endTime: number | null;

  @Column('text')
  text: string;

  @Column('text', { nullable: true })
  category: string | null;
}
