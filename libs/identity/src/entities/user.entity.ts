import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A person; belongs to organisations through memberships, so the row itself carries no org. */
@Entity('users')
export class User {
  @PrimaryColumn('text')
  id: string;

  /** Always lower-case: one account per address whatever the caller's capitalisation. */
  @Column('text')
  email: string;

  @Column('text')
  name: string;

  @Column('text', { select: false })
  passwordHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
