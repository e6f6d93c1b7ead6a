import { Column, CreateDateColumn, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Every tenant-owned table: a prefixed text id, the owning organisation, and timestamps. */
export abstract class TenantEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  orgId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
