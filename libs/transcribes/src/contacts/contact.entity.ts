import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@app/database';

/** Someone a transcribe is with: a customer, a lead, a tenant of a flat. */
@Entity('contacts')
export class ContactEntity extends TenantEntity {
  @Column('text', { nullable: true })
  displayName: string | null;

  @Column('text', { nullable: true })
  firstName: string | null;

  @Column('text', { nullable: true })
  lastName: string | null;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('text', { nullable: true })
  phoneNumber: string | null;

  @Column('text', { nullable: true })
  company: string | null;

  /** The contact's id in another system (a Rechat contact UUID), unique in the organisation. */
  @Column('text', { nullable: true })
  externalRef: string | null;

  /** Set by DELETE /contacts/:id: hidden (404) from then on; ?permanent=true removes the row. */
  @Column('timestamptz', { nullable: true })
  deletedAt: Date | null;
}
