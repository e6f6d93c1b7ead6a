import { Column, Entity } from 'typeorm';
import type { Role } from '@app/core';
import { TenantEntity } from '@app/database';

@Entity('memberships')
export class Membership extends TenantEntity {
  @Column('text')
  userId: string;

  @Column('text')
  role: Role;
}
