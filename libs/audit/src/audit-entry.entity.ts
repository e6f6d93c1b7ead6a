import { Column, Entity, PrimaryColumn } from 'typeorm';

export const AUDIT_ACTOR_TYPES = ['user', 'client', 'system'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

/**
 * What the audit log records (api.md "Audit log"): actions that touch personal data or who may touch it. Named
 * `<target>.<verb>`.
 */
export const AUDIT_ACTIONS = [
  'record.deleted',
  'record.restored',
  'record.purged',
  'record.hold_set',
  'record.hold_released',
  'record.audio_downloaded',
  'record.exported',
  'record.retention_applied',
  'record.erased',
  'transcribe.deleted',
  'contact.deleted',
  'crm_customer.deleted',
  'erasure.requested',
  'retention.run',
  'user.invited',
  'user.role_changed',
  'user.removed',
  'client.created',
  'webhook.secret_rotated',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One entry of the append-only audit log: rows are never updated or deleted (a trigger refuses it). */
@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  orgId: string;

  @Column('timestamptz')
  at: Date;

  @Column('text')
  actorType: AuditActorType;

  @Column('text', { nullable: true })
  actorId: string | null;

  @Column('text')
  action: AuditAction;

  @Column('text')
  targetType: string;

  @Column('text')
  targetId: string;

  @Column('jsonb')
  details: Record<string, unknown>;
}
