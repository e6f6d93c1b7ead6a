import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { forbidden, gone, ownerFilterFor, roleAtLeast, TenantContext, validationFailed } from '@app/core';
import { DatabaseService, type RecordScope } from '@app/database';
import { RecordAudioService } from './audio/record-audio.service';
import { RecordDeletionService } from './deletion/record-deletion.service';
import { ListRecordsQuery } from './dto/list-records.query';
import { RecordDetailsDto } from './dto/record-details.dto';
import { RecordLifecycleService, RestartFrom } from './lifecycle/record-lifecycle.service';
import { NotesRepository } from './notes/notes.repository';
import { ProjectsRepository } from './projects/projects.repository';
import { RecordExtensions, RecordInclude } from './record-extensions';
import { RecordEntity } from './record.entity';
import { presentRecord, RecordView } from './record.presenter';
import { visibleOrNotFound } from './record-visibility';
import { RecordsRepository } from './records.repository';
import { TagsRepository } from './tags/tags.repository';

/** Reading, editing and deleting records, and running them again; the calls' audio is RecordAudioService's. */
@Injectable()
export class RecordsService {
  constructor(
    private readonly records: RecordsRepository,
    private readonly projects: ProjectsRepository,
    private readonly tags: TagsRepository,
    private readonly notes: NotesRepository,
    private readonly database: DatabaseService,
    private readonly lifecycle: RecordLifecycleService,
    private readonly extensions: RecordExtensions,
    private readonly deletion: RecordDeletionService,
    private readonly audio: RecordAudioService,
  ) {}

  // --- reading and editing -------------------------------------------------------------------

  /** A page of records, the total, and whether that total is an estimate (past LIST_TOTAL_EXACT_UP_TO). */
  async list(
    ctx: TenantContext,
    query: ListRecordsQuery,
  ): Promise<[RecordView[], number, boolean, string | null]> {
    const [rows, total, estimated, nextCursor] = await this.records.list(
      ctx.orgId,
      query,
      ownerFilterFor(ctx),
    );
    return [await this.present(ctx, rows), total, estimated, nextCursor];
  }

  /** One record; a deleted one only for an admin who asks for it (includeDeleted). */
  async get(ctx: TenantContext, id: string, include: RecordInclude[] = [], includeDeleted = false) {
    if (includeDeleted && !roleAtLeast(ctx.role, 'admin'))
      throw forbidden('Only an admin may see deleted records');
    const record = includeDeleted
      ? visibleOrNotFound(await this.records.findIncludingDeleted(ctx.orgId, id), ctx)
      : await this.findVisible(ctx, id);
    const [view] = await this.present(ctx, [record]);
    const extra: Record<string, unknown> = {};
    for (const name of include) {
      if (name === 'notes') {
        const notes = await this.notes.findBy(ctx.orgId, { recordId: id }, { order: { createdAt: 'ASC' } });
        extra.notes = notes.map((note) => ({
          noteId: note.id,
          authorUserId: note.authorUserId,
          noteText: note.noteText,
          createdAt: note.createdAt.toISOString(),
          lastModified: note.updatedAt.toISOString(),
        }));
      } else {
        // null until the owning context registers its loader (transcription, analysis)
        const loader = this.extensions.loaderFor(name);
        extra[name] = loader ? await loader(ctx.orgId, id) : null;
      }
    }
    return { ...view, ...extra };
  }

  async update(ctx: TenantContext, id: string, patch: RecordDetailsDto): Promise<RecordView> {
    const record = await this.findVisible(ctx, id);
    if (
      patch.ownerId !== undefined &&
      patch.ownerId !== record.ownerId &&
      !roleAtLeast(ctx.role, 'supervisor')
    )
      throw forbidden('Only a supervisor or above may change the owner of a record');
    const changes: Partial<RecordEntity> = {};
    if (patch.title !== undefined) changes.title = patch.title;
    if (patch.direction !== undefined) changes.direction = patch.direction;
    if (patch.from !== undefined) changes.from = { ...patch.from };
    if (patch.to !== undefined) changes.to = { ...patch.to };
    if (patch.agentName !== undefined) changes.agentName = patch.agentName;
    if (patch.ownerId !== undefined) changes.ownerId = patch.ownerId;
    if (patch.language !== undefined) changes.language = patch.language;
    if (patch.metadata !== undefined) changes.metadata = { ...record.metadata, ...patch.metadata };
    if (patch.legalHold !== undefined) await this.deletion.setLegalHold(ctx, record, patch.legalHold);
    if (patch.crmCustomerId !== undefined) {
      if (
        patch.crmCustomerId !== null &&
        !(await this.extensions.customerExists(ctx.orgId, patch.crmCustomerId))
      )
        throw validationFailed('crmCustomerId is not a CRM customer of this organisation', [
          { field: 'crmCustomerId', message: 'is not a CRM customer of this organisation' },
        ]);
      changes.crmCustomerId = patch.crmCustomerId;
      changes.crmMatchingSource = patch.crmCustomerId === null ? null : 'MANUAL';
      changes.crmCandidates = null;
    }
    if (Object.keys(changes).length > 0) await this.records.update(ctx.orgId, id, changes);
    if (changes.ownerId !== undefined)
      await this.extensions.runRecordHooks({ orgId: ctx.orgId, recordId: id, ownerId: changes.ownerId });
    const [view] = await this.present(ctx, [await this.records.findOneOrFail(ctx.orgId, id, 'Record')]);
    return view;
  }

  /** Rows of several records and, through hooks, other contexts' rows, in one transaction; then their files. */
  async deleteRecords(orgId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.database.transaction((tx) => this.deleteRecordRows(orgId, ids, tx));
    await this.audio.removeRecordFiles(orgId, ids);
  }

  /** The rows part of a deletion, for a caller that owns the transaction (and removes the files after it). */
  async deleteRecordRows(orgId: string, ids: string[], manager: EntityManager): Promise<void> {
    if (ids.length === 0) return;
    await this.extensions.runDeletionHooks(orgId, ids, manager);
    // notes and record_tags go by ON DELETE CASCADE
    await this.records.deleteMany(orgId, ids, manager);
  }

  /** Runs the record again from a stage under a new pipeline version (RecordLifecycleService.restart). */
  async reprocess(ctx: TenantContext, id: string, fromStage: RestartFrom = 'transcribing') {
    const found = await this.findVisible(ctx, id);
    if (found.audioDeletedAt && found.type === 'call' && fromStage === 'transcribing')
      throw gone('The audio was removed under a retention policy: the call can only be analysed again');
    const record = await this.lifecycle.restart(ctx.orgId, id, fromStage);
    return { id, processingStatus: record.processingStatus, pipelineVersion: record.pipelineVersion };
  }

  // --- for the pipeline ----------------------------------------------------------------------

  /**
   * Stores what CRM matching found, in the caller's transaction; a link made by hand (MANUAL) is never replaced.
   * `record` is the row as the stage claimed it: when it already holds this match (a re-analysis, or a call with no
   * number to match, again NOT_FOUND) nothing is written.
   */
  async setCrmMatch(
    manager: EntityManager,
    record: Pick<RecordEntity, 'orgId' | 'id' | 'crmCustomerId' | 'crmMatchingSource' | 'crmCandidates'>,
    match: { customerId: string | null; source: 'DIRECT' | 'FUZZY' | 'NOT_FOUND'; candidates: string[] },
  ): Promise<void> {
    const { orgId, id: recordId } = record;
    const unchanged =
      record.crmMatchingSource === match.source &&
      record.crmCustomerId === match.customerId &&
      (record.crmCandidates ?? []).join() === match.candidates.join();
    if (unchanged) return;
    await manager.query(
      `UPDATE records SET crm_customer_id = $3, crm_matching_source = $4, crm_candidates = $5
        WHERE org_id = $1 AND id = $2 AND crm_matching_source IS DISTINCT FROM 'MANUAL'`,
      [
        orgId,
        recordId,
        match.customerId,
        match.source,
        match.candidates.length > 0 ? JSON.stringify(match.candidates) : null,
      ],
    );
  }

  findForPipeline(orgId: string, id: string, manager?: EntityManager): Promise<RecordEntity | null> {
    return this.records.findIncludingDeleted(orgId, id, manager);
  }

  /** A record the caller may see: of its organisation and, for an agent, its own; anything else is a 404. */
  async findVisible(ctx: TenantContext, id: string): Promise<RecordEntity> {
    return visibleOrNotFound(await this.records.findOne(ctx.orgId, id), ctx);
  }

  /**
   * The records a caller may see (an agent only its own, never a deleted one), optionally of one project, as an SQL
   * subquery of ids: contexts that list rows hanging on records filter by it without reading the records table
   * themselves. When nothing but deletion narrows the organisation's records, the subquery lists the deleted ones
   * and `exclude` is set (an anti-join on the few hidden records instead of a semi-join on all the others).
   */
  visibleIdsSubquery(ctx: TenantContext, filter: { projectId?: string } = {}): RecordScope {
    const owner = ownerFilterFor(ctx);
    const query = this.records
      .query(ctx.orgId, 'visible_record')
      .select('visible_record.id')
      .setParameter('orgId', ctx.orgId);
    if (!owner && !filter.projectId) {
      query.andWhere('visible_record.deleted_at IS NOT NULL');
      return { sql: query.getQuery(), params: query.getParameters(), exclude: true };
    }
    query.andWhere('visible_record.deleted_at IS NULL');
    if (owner) query.andWhere('visible_record.owner_id = :visibleOwnerId', { visibleOwnerId: owner });
    if (filter.projectId)
      query.andWhere('visible_record.project_id = :visibleProjectId', { visibleProjectId: filter.projectId });
    return { sql: query.getQuery(), params: query.getParameters(), exclude: false };
  }

  async present(ctx: TenantContext, rows: RecordEntity[]): Promise<RecordView[]> {
    const ids = rows.map((row) => row.id);
    const [tags, withNotes, extras] = await Promise.all([
      this.tags.forRecords(ctx.orgId, ids),
      this.notes.recordsWithNotes(ctx.orgId, ids),
      this.extensions.loadViewExtras(ctx.orgId, rows),
    ]);
    return rows.map((row) => ({
      ...presentRecord(row, ctx, {
        tags: tags.filter((tag) => tag.recordId === row.id),
        hasNotes: withNotes.has(row.id),
      }),
      ...extras.get(row.id),
    }));
  }
}
