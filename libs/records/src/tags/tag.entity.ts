import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@app/database';

@Entity('tags')
export class TagEntity extends TenantEntity {
  @Column('text')
  value: string;
}
