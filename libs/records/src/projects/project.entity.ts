import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@app/database';

@Entity('projects')
export class ProjectEntity extends TenantEntity {
  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('text', { nullable: true })
  analysisProfileId: string | null;

  @Column('text', { nullable: true })
  language: string | null;
}
