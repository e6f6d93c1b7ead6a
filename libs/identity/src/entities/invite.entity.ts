import { Column, Entity } from 'typeorm';
import type { Role } from '@app/core';
import { TenantEntity } from '@app/database';

@Entity('invites')
export class Invite extends TenantEntity {
  @Column('text')
  email: string;

  @Column('text')
  role: Role;

  /** SHA-256 of the invite token; the token itself exists only in the inviter's response. */
  @Column('text')
  tokenHash: string;

  @Column('text')
  invitedBy: string;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  acceptedAt: Date | null;
}
