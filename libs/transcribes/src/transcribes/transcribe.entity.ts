import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@app/database';

/** A typed or imported conversation with a contact, backed by a record of type `transcript`. */
@Entity('transcribes')
export class TranscribeEntity extends TenantEntity {
  @Column('text')
  contactId: string;

  @Column('text')
  projectId: string;

  @Column('text')
  recordId: string;

  @Column('text', { nullable: true })
  ownerId: string | null;

  /** Soft delete: the row stays for the audit trail, the API answers 404. */
  @Column('timestamptz', { nullable: true })
  deletedAt: Date | null;
}
