import type { EntityManager } from 'typeorm';
import { Injectable } from '@nestjs/common';
import { conflict, forbidden, roleAtLeast, type TenantContext } from '@app/core';
import { actorOf, AuditService, type AuditActor } from '@app/audit';
import { DatabaseService } from '@app/database';
import { RecordAudioService } from '../audio/record-audio.service';
import { RecordExtensions } from '../record-extensions';
import type { RecordEntity } from '../record.entity';
import { visibleOrNotFound } from '../record-visibility';
import { recordNotFound } from '../records.errors';
import { RecordsRepository } from '../records.repository';

const onHold = () => conflict('The record is under legal hold: lift the hold before deleting it');
const adminsOnly = (what: string) => forbidden(`Only an admin may ${what}`);

/**
 * Deleting records as api.md "Deletion, retention and erasure" says: a delete hides a record at once (restorable),
 * a purge removes it and every derived copy for good, a legal hold blocks both. Each action and its audit entry
 * commit together.
 */
@Injectable()
export class RecordDeletionService {
  constructor(
    private readonly records: RecordsRepository,
    private readonly database: DatabaseService,
    private readonly extensions: RecordExtensions,
    private readonly audio: RecordAudioService,
    private readonly audit: AuditService,
  ) {}

  /** Hides the record from every list, search, stats and view; its data stays until it is purged. */
  async softDelete(ctx: TenantContext, id: string): Promise<void> {
    await this.database.transaction(async (manager) => {
      const record = visibleOrNotFound(await this.records.findForUpdate(ctx.orgId, id, manager), ctx);
      if (record.deletedAt) throw recordNotFound();
      if (record.legalHold) throw onHold();
      const actor = actorOf(ctx);
      await this.records.update(ctx.orgId, id, { deletedAt: new Date(), deletedBy: actor.id }, manager);
      await this.extensions.runHiddenHooks(ctx.orgId, [id], manager);
      await this.audit.record(manager, {
        orgId: ctx.orgId,
        actor,
        action: 'record.deleted',
        target: { type: 'record', id },
      });
    });
  }

  /** Brings a deleted record back (admin); 409 when it is not deleted. */
  async restore(ctx: TenantContext, id: string): Promise<void> {
    if (!roleAtLeast(ctx.role, 'admin')) throw adminsOnly('restore a record');
    await this.database.transaction(async (manager) => {
      const record = await this.records.findForUpdate(ctx.orgId, id, manager);
      if (!record) throw recordNotFound();
      if (!record.deletedAt) throw conflict('The record is not deleted');
      await this.records.update(ctx.orgId, id, { deletedAt: null, deletedBy: null }, manager);
      await this.extensions.runRestoredHooks(ctx.orgId, id, manager);
      await this.audit.record(manager, {
        orgId: ctx.orgId,
        actor: actorOf(ctx),
        action: 'record.restored',
        target: { type: 'record', id },
      });
    });
  }

  /**
   * Removes a record (deleted or not) and everything derived from it now (admin): rows of every context through
   * the deletion hooks, then its audio files. The billing ledger keeps its amounts.
   */
  async purge(ctx: TenantContext, id: string): Promise<void> {
    if (!roleAtLeast(ctx.role, 'admin')) throw adminsOnly('purge a record');
    await this.database.transaction(async (manager) => {
      const record = await this.records.findForUpdate(ctx.orgId, id, manager);
      if (!record) throw recordNotFound();
      if (record.legalHold) throw onHold();
      await this.extensions.runDeletionHooks(ctx.orgId, [id], manager);
      await this.records.deleteMany(ctx.orgId, [id], manager);
      await this.audit.record(manager, {
        orgId: ctx.orgId,
        actor: actorOf(ctx),
        action: 'record.purged',
        target: { type: 'record', id },
        details: { wasDeleted: record.deletedAt !== null },
      });
    });
    await this.audio.removeRecordFiles(ctx.orgId, [id]);
  }

  /**
   * Purges records for the service itself (a retention policy, an erasure), skipping any under legal hold; each
   * purge is audited with `details`. Returns the ids purged.
   */
  async purgeAsSystem(
    orgId: string,
    ids: string[],
    actor: AuditActor,
    details: Record<string, unknown>,
    /** More to write in each purge's transaction (an erasure's events), with the ids purged. */
    within?: (manager: EntityManager, purged: string[]) => Promise<void>,
  ): Promise<string[]> {
    if (ids.length === 0) return [];
    const purged = await this.database.transaction(async (manager) => {
      const held = new Set(
        (
          (await manager.query(
            `SELECT id FROM records WHERE org_id = $1 AND id = ANY($2::text[]) AND legal_hold`,
            [orgId, ids],
          )) as Array<{ id: string }>
        ).map((row) => row.id),
      );
      const free = ids.filter((id) => !held.has(id));
      if (free.length === 0) return [];
      await this.extensions.runDeletionHooks(orgId, free, manager);
      await this.records.deleteMany(orgId, free, manager);
      await this.audit.record(
        manager,
        ...free.map((id) => ({
          orgId,
          actor,
          action: 'record.purged' as const,
          target: { type: 'record', id },
          details,
        })),
      );
      await within?.(manager, free);
      return free;
    });
    await this.audio.removeRecordFiles(orgId, purged);
    return purged;
  }

  /** Sets or lifts a legal hold (admin). */
  async setLegalHold(ctx: TenantContext, record: RecordEntity, legalHold: boolean): Promise<void> {
    if (!roleAtLeast(ctx.role, 'admin')) throw adminsOnly('place or lift a legal hold');
    if (record.legalHold === legalHold) return;
    await this.database.transaction(async (manager) => {
      await this.records.update(ctx.orgId, record.id, { legalHold }, manager);
      await this.audit.record(manager, {
        orgId: ctx.orgId,
        actor: actorOf(ctx),
        action: legalHold ? 'record.hold_set' : 'record.hold_released',
        target: { type: 'record', id: record.id },
      });
    });
  }
}
