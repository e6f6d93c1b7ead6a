import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { newId } from '@app/core';
import type { RecordScope } from '@app/database';
import { OutboxService } from '@app/webhooks';
import type { CreateFollowupDto, ListFollowupsQuery, UpdateFollowupDto } from './dto/followup.dto';
import type { ExtractedFollowup } from './extraction/extract-followups';
import { canMove } from './followup-states';
import { FollowupEntity, type FollowupHistoryEntry } from './followup.entity';
import { followupNotFound } from './followups.errors';
import { FollowupsRepository } from './followups.repository';

/** The record a follow-up hangs on, as the caller has already checked it may be seen. */
export interface FollowupRecord {
  orgId: string;
  id: string;
  projectId: string;
  ownerId: string | null;
}

export const presentFollowup = (followup: FollowupEntity) => ({
  id: followup.id,
  recordId: followup.recordId,
  projectId: followup.projectId,
  type: followup.type,
  text: followup.text,
  source: followup.source,
  evidence: followup.evidence,
  dueAt: followup.dueAt?.toISOString() ?? null,
  ownerId: followup.ownerId,
  status: followup.status,
  starred: followup.starred,
  history: followup.history,
  createdAt: followup.createdAt.toISOString(),
  updatedAt: followup.updatedAt.toISOString(),
});

const entry = (
  status: FollowupEntity['status'],
  note: string | null,
  updatedByUserId: string | null,
): FollowupHistoryEntry => ({
  id: newId('fuh'),
  status,
  note,
  updatedByUserId,
  createdAt: new Date().toISOString(),
});

/** Follow-ups of calls: the ones the analysis finds, the ones people add, and their work through TO_DO → COMPLETE. */
@Injectable()
export class FollowupsService {
  constructor(
    private readonly followups: FollowupsRepository,
    private readonly outbox: OutboxService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Stores what the analysis found, in its transaction: each utterance's follow-up once however often the record
   * is analysed (a follow-up already being worked on is never reset), announced by `followup.created`.
   */
  async storeFound(
    manager: EntityManager,
    record: FollowupRecord,
    found: ExtractedFollowup[],
  ): Promise<number> {
    const ids = await this.followups.insertNew(
      record.orgId,
      found.map((item) => ({
        id: newId('fup'),
        recordId: record.id,
        projectId: record.projectId,
        type: item.type,
        text: item.text,
        source: 'ai' as const,
        evidence: item.evidence,
        dueAt: item.dueAt,
        ownerId: record.ownerId,
        status: 'TO_DO' as const,
        starred: false,
        history: [entry('TO_DO', null, null)],
        aiKey: item.key,
      })),
      manager,
    );
    if (ids.length > 0) await this.announce(manager, record.orgId, 'followup.created', ids);
    return ids.length;
  }

  async create(
    record: FollowupRecord,
    userId: string | null,
    input: CreateFollowupDto,
  ): Promise<FollowupEntity> {
    const id = newId('fup');
    await this.dataSource.transaction(async (manager) => {
      await this.followups.insertNew(
        record.orgId,
        [
          {
            id,
            recordId: record.id,
            projectId: record.projectId,
            type: input.type ?? 'OTHER',
            text: input.text,
            source: 'human',
            evidence: null,
            dueAt: input.dueAt ?? null,
            ownerId: input.ownerId ?? record.ownerId,
            status: 'TO_DO',
            starred: false,
            history: [entry('TO_DO', null, userId)],
            aiKey: null,
          },
        ],
        manager,
      );
      await this.announce(manager, record.orgId, 'followup.created', [id]);
    });
    return this.findOne(record.orgId, id);
  }

  async findOne(orgId: string, id: string): Promise<FollowupEntity> {
    const found = await this.followups.findOne(orgId, id);
    if (!found) throw followupNotFound();
    return found;
  }

  list(orgId: string, query: ListFollowupsQuery, scope: RecordScope | null) {
    return this.followups.list(orgId, query, scope);
  }

  /** The follow-ups of these records (the caller has checked it may see them). */
  ofRecords(orgId: string, recordIds: string[]): Promise<FollowupEntity[]> {
    return this.followups.ofRecords(orgId, recordIds);
  }

  /**
   * Changes a follow-up under a row lock (two people at once make two history entries, not one lost): a status
   * change or a note appends to the history; any change is announced by `followup.updated`.
   */
  async update(
    orgId: string,
    id: string,
    userId: string | null,
    patch: UpdateFollowupDto,
  ): Promise<FollowupEntity> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.followups.findForUpdate(orgId, id, manager);
      if (!current) throw followupNotFound();
      const changes: Partial<FollowupEntity> = {};
      const statusChanges = patch.status != null && canMove(current.status, patch.status);
      if (statusChanges) changes.status = patch.status;
      if (statusChanges || patch.note != null)
        changes.history = [
          ...current.history,
          entry(changes.status ?? current.status, patch.note ?? null, userId),
        ];
      // null is "no change" for the flags, and clears the owner or the due date.
      if (patch.starred != null && patch.starred !== current.starred) changes.starred = patch.starred;
      if (patch.ownerId !== undefined && patch.ownerId !== current.ownerId)
        changes.ownerId = patch.ownerId ?? null;
      if (
        patch.dueAt !== undefined &&
        (patch.dueAt?.getTime() ?? null) !== (current.dueAt?.getTime() ?? null)
      )
        changes.dueAt = patch.dueAt ?? null;
      if (Object.keys(changes).length === 0) return;
      await this.followups.update(orgId, id, changes, manager);
      await this.announce(manager, orgId, 'followup.updated', [id]);
    });
    return this.findOne(orgId, id);
  }

  deleteForRecords(orgId: string, recordIds: string[], manager: EntityManager): Promise<void> {
    return this.followups.deleteForRecords(orgId, recordIds, manager);
  }

  /** One event per follow-up, carrying it as it is now; keyed by its history length and update time. */
  private async announce(
    manager: EntityManager,
    orgId: string,
    type: 'followup.created' | 'followup.updated',
    ids: string[],
  ): Promise<void> {
    const followups = await this.followups.findByIds(orgId, ids, manager);
    await this.outbox.addAll(
      manager,
      followups.map((followup) => ({
        orgId,
        type,
        dedupeKey: `${type}:${followup.id}:${followup.updatedAt.toISOString()}:${followup.history.length}`,
        data: presentFollowup(followup),
      })),
    );
  }
}
