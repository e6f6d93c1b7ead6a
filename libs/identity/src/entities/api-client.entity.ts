import { Column, Entity } from 'typeorm';
import type { Scope } from '@app/core';
import { TenantEntity } from '@app/database';

/** A service account of one organisation; its id is the OAuth2 client_id. */
@Entity('api_clients')
export class ApiClient extends TenantEntity {
  @Column('text')
  name: string;

  /** SHA-256 of the 32-byte random secret; the secret itself is shown once, at creation. */
  @Column('text', { select: false })
  secretHash: string;

  @Column('text', { array: true })
  scopes: Scope[];

  @Column('text')
  createdBy: string;
}
