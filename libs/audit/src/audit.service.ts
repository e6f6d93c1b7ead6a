import { Injectable } from '@nestjs/common';
import { Page, newestFirstPage } from '@app/database';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { newId, type TenantContext } from '@app/core';
import { AuditEntryEntity, type AuditAction, type AuditActorType } from './audit-entry.entity';
import type { ListAuditQuery } from './dto/list-audit.query';

export interface AuditActor {
  type: AuditActorType;
  id: string | null;
}

/** The person or service token behind a request. */
export const actorOf = (ctx: TenantContext): AuditActor =>
  ctx.actor.kind === 'user'
    ? { type: 'user', id: ctx.actor.userId }
    : { type: 'client', id: ctx.actor.clientId };
/** Work of the service itself (retention runs, erasure jobs). */
export const SYSTEM: AuditActor = { type: 'system', id: null };

export interface AuditFact {
  orgId: string;
  actor: AuditActor;
  action: AuditAction;
  target: { type: string; id: string };
  details?: Record<string, unknown>;
}

export const presentAuditEntry = (entry: AuditEntryEntity) => ({
  id: entry.id,
  at: entry.at.toISOString(),
  actor: { type: entry.actorType, id: entry.actorId },
  action: entry.action,
  target: { type: entry.targetType, id: entry.targetId },
  details: entry.details,
});

/**
 * The audit log: append-only entries of who did what to which personal data. An entry is written with the
 * caller's manager, in the transaction of the action it records, so the log never shows an action that rolled
 * back nor misses one that committed.
 */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntryEntity) private readonly entries: Repository<AuditEntryEntity>) {}

  async record(manager: EntityManager | null, ...facts: AuditFact[]): Promise<void> {
    if (facts.length === 0) return;
    const repository = manager ? manager.getRepository(AuditEntryEntity) : this.entries;
    const at = new Date();
    await repository.insert(
      facts.map((fact) => ({
        id: newId('aud'),
        orgId: fact.orgId,
        at,
        actorType: fact.actor.type,
        actorId: fact.actor.id,
        action: fact.action,
        targetType: fact.target.type,
        targetId: fact.target.id,
        details: (fact.details ?? {}) as QueryDeepPartialEntity<Record<string, unknown>>,
      })),
    );
  }

  list(orgId: string, query: ListAuditQuery): Promise<Page<AuditEntryEntity>> {
    const builder = this.entries.createQueryBuilder('entry').where('entry.org_id = :orgId', { orgId });
    if (query.action) builder.andWhere('entry.action = :action', { action: query.action });
    if (query.actorId) builder.andWhere('entry.actor_id = :actorId', { actorId: query.actorId });
    if (query.targetId) builder.andWhere('entry.target_id = :targetId', { targetId: query.targetId });
    if (query.from) builder.andWhere('entry.at >= :from', { from: query.from });
    if (query.to) builder.andWhere('entry.at <= :to', { to: query.to });
    return newestFirstPage(builder, { orgId, alias: 'entry', column: 'at', page: query });
  }
}
