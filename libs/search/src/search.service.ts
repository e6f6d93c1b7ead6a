import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig, inclusiveUpperBound, ownerFilterFor, TenantContext } from '@app/core';
import { ProjectsService, RecordsService } from '@app/records';
import { SearchQueryDto } from './dto/search-query.dto';
import { SearchEntriesRepository } from './search-entries.repository';
import { RecordSearchScope, SearchEntryInput, SearchHitRow } from './search-entry.types';
import { searchConfigurationFor } from './search-language';
import { searchRangeInverted, searchWindowTooDeep } from './search.errors';

/** What the analysis stage indexes for a record: everything of it that is searchable except its notes. */
export interface IndexRecordInput {
  orgId: string;
  recordId: string;
  projectId: string;
  ownerId: string | null;
  /** ISO 639-1 code (the record's, else its project's); English stemming when null. */
  language: string | null;
  title: string | null;
  sentences: Array<{ startTime: number; text: string }>;
  summary: string | null;
  /** The call's date, else the record's creation. */
  recordDate: Date;
}

export interface IndexNoteInput {
  orgId: string;
  recordId: string;
  noteId: string;
  text: string;
  createdAt?: Date;
}

export interface SearchHit {
  recordId: string;
  type: SearchHitRow['kind'];
  /** HTML-escaped text with <b>…</b> around the matched words. */
  snippet: string;
  /** Seconds from the start of the call, for transcript hits. */
  startTime?: number;
  noteId?: string;
  /** ts_rank normalised to 0..1. */
  score: number;
  createdAt: string;
}

/** Deep pages cost as much as the rows before them; beyond this, a narrower query is the answer. */
export const MAX_SEARCH_WINDOW = 10_000;

const present = (row: SearchHitRow): SearchHit => ({
  recordId: row.record_id,
  type: row.kind,
  snippet: row.snippet,
  ...(row.kind === 'transcript' && row.start_time !== null ? { startTime: row.start_time } : {}),
  ...(row.kind === 'note' ? { noteId: row.ref } : {}),
  score: Math.round(row.score * 10_000) / 10_000,
  createdAt: row.created_at.toISOString(),
});

@Injectable()
export class SearchService {
  constructor(
    private readonly entries: SearchEntriesRepository,
    private readonly records: RecordsService,
    private readonly projects: ProjectsService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Replaces the record's transcript, summary and title rows with these, in the caller's transaction (the analysis
   * stage's): running it again for the same or a newer version leaves exactly one copy. Notes are left alone.
   */
  async indexRecord(manager: EntityManager, input: IndexRecordInput): Promise<{ entries: number }> {
    const scope: RecordSearchScope = {
      orgId: input.orgId,
      recordId: input.recordId,
      projectId: input.projectId,
      ownerId: input.ownerId,
      recordDate: input.recordDate,
      configuration: searchConfigurationFor(input.language),
    };
    const entries: SearchEntryInput[] = input.sentences.map((sentence, index) => ({
      kind: 'transcript',
      ref: String(index),
      text: sentence.text,
      startTime: sentence.startTime,
    }));
    if (input.summary) entries.push({ kind: 'summary', ref: '', text: input.summary, startTime: null });
    if (input.title) entries.push({ kind: 'title', ref: '', text: input.title, startTime: null });
    await this.entries.replaceRecordEntries(scope, ['transcript', 'summary', 'title'], entries, manager);
    // Notes written before the record was analysed follow its language and scope from now on.
    await this.entries.alignNotes(scope, manager);
    return { entries: entries.filter((entry) => entry.text.trim().length > 0).length };
  }

  /** Adds or replaces a note's row; a note of a record that is gone (deleted meanwhile) is not indexed. */
  async indexNote(manager: EntityManager | undefined, input: IndexNoteInput): Promise<void> {
    const scope = await this.scopeOf(input.orgId, input.recordId, manager);
    if (!scope) return;
    await this.entries.upsert(
      scope,
      [{ kind: 'note', ref: input.noteId, text: input.text, startTime: null, createdAt: input.createdAt }],
      manager,
    );
  }

  async removeNote(
    manager: EntityManager | undefined,
    input: { orgId: string; recordId: string; noteId: string },
  ): Promise<void> {
    await this.entries.deleteEntry(input.orgId, input.recordId, 'note', input.noteId, manager);
  }

  /** Removes every row of these records; runs in the deleting transaction (RecordExtensions.onRecordsDeleted). */
  removeRecords(manager: EntityManager, orgId: string, recordIds: string[]): Promise<void> {
    return this.entries.deleteRecords(orgId, recordIds, manager);
  }

  /** Removes what was said (transcript rows) of these records; their title, summary and notes stay findable. */
  async removeTranscripts(manager: EntityManager, orgId: string, recordIds: string[]): Promise<void> {
    await manager.query(
      `DELETE FROM search_entries WHERE org_id = $1 AND record_id = ANY($2::text[]) AND kind = 'transcript'`,
      [orgId, recordIds],
    );
  }

  /** Follows a record to a new owner or project, so an agent finds what it owns now and nothing it no longer owns. */
  updateRecordScope(
    manager: EntityManager | undefined,
    input: { orgId: string; recordId: string; ownerId?: string | null; projectId?: string },
  ): Promise<void> {
    return this.entries.updateRecordScope(
      input.orgId,
      input.recordId,
      { ownerId: input.ownerId, projectId: input.projectId },
      manager,
    );
  }

  async search(
    ctx: TenantContext,
    query: SearchQueryDto,
  ): Promise<{ items: SearchHit[]; total: number; totalIsLowerBound: boolean }> {
    const to = query.to ? inclusiveUpperBound(query.to) : undefined;
    if (query.from && to && query.from > to) throw searchRangeInverted();
    const offset = (query.page - 1) * query.limit;
    const deepest = Math.min(MAX_SEARCH_WINDOW, this.config.SEARCH_RANK_WINDOW);
    if (offset + query.limit > deepest) throw searchWindowTooDeep(deepest);
    const page = await this.entries.search({
      orgId: ctx.orgId,
      query: query.q,
      ownerId: ownerFilterFor(ctx),
      projectId: query.projectId,
      kind: query.type,
      from: query.from,
      to,
      limit: query.limit,
      offset,
      rankWindow: this.config.SEARCH_RANK_WINDOW,
    });
    // A project of another organisation is a 404 like any other id of it, not an empty answer. Hits are rows of the
    // caller's organisation in that project, so only an empty answer needs the check.
    if (query.projectId && page.total === 0) await this.projects.get(ctx, query.projectId);
    return { items: page.rows.map(present), total: page.total, totalIsLowerBound: page.totalIsLowerBound };
  }

  /** The scope of a record's rows: from its indexed rows when it has some, else from the record itself. */
  private async scopeOf(
    orgId: string,
    recordId: string,
    manager?: EntityManager,
  ): Promise<RecordSearchScope | null> {
    const indexed = await this.entries.findScope(orgId, recordId, manager);
    if (indexed) return indexed;
    const record = await this.records.findForPipeline(orgId, recordId, manager);
    if (!record) return null;
    return {
      orgId,
      recordId,
      projectId: record.projectId,
      ownerId: record.ownerId,
      recordDate: record.date ?? record.createdAt,
      configuration: searchConfigurationFor(record.language),
    };
  }
}
