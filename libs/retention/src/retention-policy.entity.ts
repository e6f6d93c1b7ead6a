import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@app/database';

/** How long an organisation keeps what it records: per organisation, or narrowed to a project or a tag. */
@Entity('retention_policies')
export class RetentionPolicyEntity extends TenantEntity {
  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  projectId: string | null;

  /** A tag value (case-insensitive): the policy covers the records carrying it. */
  @Column('text', { nullable: true })
  tag: string | null;

  @Column('integer', { nullable: true })
  deleteAudioAfterDays: number | null;

  @Column('integer', { nullable: true })
  deleteTranscriptAfterDays: number | null;

  @Column('integer', { nullable: true })
  purgeDeletedAfterDays: number | null;
}
