import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One issued refresh token, stored by its SHA-256 only. Tokens of one login share a family: presenting a spent
 * one means it leaked, so the whole family is revoked.
 */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryColumn('text')
  tokenHash: string;

  @Column('text')
  familyId: string;

  @Column('text')
  userId: string;

  @Column('text')
  orgId: string;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  usedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
