import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@app/database';

/**
 * A Genesys contact center (business unit) sending recordings to Parley through the insertion API: its id is the
 * Genesys contact-center id, its recordings land in one project, and one ops user (HTTP Basic) may insert them.
 */
@Entity('genesys_contact_centers')
export class ContactCenterEntity extends TenantEntity {
  @Column('text')
  projectId: string;

  @Column('text')
  opsUsername: string;

  /** scrypt hash (libs/identity password-hasher); the password itself is never stored. */
  @Column('text')
  opsPasswordHash: string;

  /** WebDAV hosts (`name` or `name:port`) its media may come from although they are on a private network. */
  @Column('text', { array: true, default: () => "'{}'" })
  allowedStorageHosts: string[];
}
