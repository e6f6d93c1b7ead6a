import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AppConfig } from '@app/core';
import {
  MAX_ENTRY_CHARS,
  RecordSearchScope,
  SearchEntryInput,
  SearchEntryKind,
  SearchHitRow,
  SearchRequest,
} from './search-entry.types';
import { buildSearchStatement, CONFIGURATIONS_SQL, SEARCH_SETTINGS_SQL } from './search-sql';
import { searchTooSlow } from './search.errors';

/** SQLSTATE of a statement cancelled by statement_timeout. */
const QUERY_CANCELED = '57014';

export interface SearchPage {
  rows: SearchHitRow[];
  total: number;
  /** More hits matched than the ranking window holds: `total` is the window's size, a lower bound. */
  totalIsLowerBound: boolean;
}

/**
 * The search_entries table. Plain SQL rather than a TypeORM entity: its generated tsvector and regconfig columns
 * have no faithful entity mapping, and writes are set-based (one INSERT ... SELECT FROM unnest per record).
 * Every method takes the organisation first; pass the caller's EntityManager to write inside its transaction.
 */
@Injectable()
export class SearchEntriesRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  private runner(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /**
   * Makes the record's rows of `kinds` exactly `entries`: the old ones go, the new ones are written in one
   * statement. An upsert rather than a plain insert, so two transactions re-indexing the same record never fail
   * on each other's rows.
   */
  async replaceRecordEntries(
    scope: RecordSearchScope,
    kinds: SearchEntryKind[],
    entries: SearchEntryInput[],
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `DELETE FROM search_entries WHERE org_id = $1 AND record_id = $2 AND kind = ANY($3::text[])`,
      [scope.orgId, scope.recordId, kinds],
    );
    await this.upsert(scope, entries, manager);
  }

  async upsert(
    scope: RecordSearchScope,
    entries: SearchEntryInput[],
    manager?: EntityManager,
  ): Promise<void> {
    const rows = entries.filter((entry) => entry.text.trim().length > 0);
    if (rows.length === 0) return;
    await this.runner(manager).query(
      `INSERT INTO search_entries
              (org_id, record_id, project_id, owner_id, record_date, language, kind, ref, start_time, text, created_at)
       SELECT $1, $2, $3, $4, $5, $6::regconfig, row.kind, row.ref, row.start_time, row.text,
              coalesce(row.created_at, now())
         FROM unnest($7::text[], $8::text[], $9::double precision[], $10::text[], $11::timestamptz[])
              AS row (kind, ref, start_time, text, created_at)
       ON CONFLICT (org_id, record_id, kind, ref) DO UPDATE
          SET text = EXCLUDED.text, start_time = EXCLUDED.start_time, language = EXCLUDED.language,
              project_id = EXCLUDED.project_id, owner_id = EXCLUDED.owner_id, record_date = EXCLUDED.record_date`,
      [
        scope.orgId,
        scope.recordId,
        scope.projectId,
        scope.ownerId,
        scope.recordDate,
        scope.configuration,
        rows.map((row) => row.kind),
        rows.map((row) => row.ref),
        rows.map((row) => row.startTime),
        rows.map((row) => row.text.slice(0, MAX_ENTRY_CHARS)),
        rows.map((row) => row.createdAt ?? null),
      ],
    );
  }

  /** Gives the record's note rows the scope and configuration of its latest indexing. */
  async alignNotes(scope: RecordSearchScope, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE search_entries
          SET project_id = $3, owner_id = $4, record_date = $5, language = $6::regconfig
        WHERE org_id = $1 AND record_id = $2 AND kind = 'note'
          AND (project_id, owner_id, record_date, language) IS DISTINCT FROM ($3, $4, $5, $6::regconfig)`,
      [scope.orgId, scope.recordId, scope.projectId, scope.ownerId, scope.recordDate, scope.configuration],
    );
  }

  async deleteEntry(
    orgId: string,
    recordId: string,
    kind: SearchEntryKind,
    ref: string,
    manager?: EntityManager,
  ): Promise<void> {
    await this.runner(manager).query(
      `DELETE FROM search_entries WHERE org_id = $1 AND record_id = $2 AND kind = $3 AND ref = $4`,
      [orgId, recordId, kind, ref],
    );
  }

  async deleteRecords(orgId: string, recordIds: string[], manager?: EntityManager): Promise<void> {
    if (recordIds.length === 0) return;
    await this.runner(manager).query(
      `DELETE FROM search_entries WHERE org_id = $1 AND record_id = ANY($2::text[])`,
      [orgId, recordIds],
    );
  }

  /** Moves every row of a record to a new owner or project, so visibility follows the record. */
  async updateRecordScope(
    orgId: string,
    recordId: string,
    patch: { ownerId?: string | null; projectId?: string },
    manager?: EntityManager,
  ): Promise<void> {
    if (patch.ownerId === undefined && patch.projectId === undefined) return;
    await this.runner(manager).query(
      `UPDATE search_entries
          SET owner_id = CASE WHEN $3 THEN $4 ELSE owner_id END,
              project_id = coalesce($5, project_id)
        WHERE org_id = $1 AND record_id = $2`,
      [orgId, recordId, patch.ownerId !== undefined, patch.ownerId ?? null, patch.projectId ?? null],
    );
  }

  /** The scope an already indexed record's rows carry (its configuration included), or null if it has none. */
  async findScope(
    orgId: string,
    recordId: string,
    manager?: EntityManager,
  ): Promise<RecordSearchScope | null> {
    const rows: Array<{
      project_id: string;
      owner_id: string | null;
      record_date: Date;
      configuration: string;
    }> = await this.runner(manager).query(
      `SELECT project_id, owner_id, record_date, language::text AS configuration
         FROM search_entries WHERE org_id = $1 AND record_id = $2 AND kind <> 'note' LIMIT 1`,
      [orgId, recordId],
    );
    if (rows.length === 0) return null;
    const [row] = rows;
    return {
      orgId,
      recordId,
      projectId: row.project_id,
      ownerId: row.owner_id,
      recordDate: row.record_date,
      configuration: row.configuration,
    };
  }

  async configurations(orgId: string, manager: EntityManager): Promise<string[]> {
    const rows: Array<{ configuration: string }> = await manager.query(CONFIGURATIONS_SQL, [orgId]);
    return rows.map((row) => row.configuration);
  }

  /** Runs a search in a transaction of its own, with JIT off and a statement timeout (SEARCH_SETTINGS_SQL). */
  async search(request: SearchRequest): Promise<SearchPage> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        await manager.query(SEARCH_SETTINGS_SQL, [String(this.config.SEARCH_TIMEOUT_MS)]);
        const configurations = await this.configurations(request.orgId, manager);
        if (configurations.length === 0) return { rows: [], total: 0, totalIsLowerBound: false };
        const statement = buildSearchStatement(request, configurations);
        const rows: Array<SearchHitRow & { total: number }> = await manager.query(
          statement.sql,
          statement.parameters,
        );
        const matched = rows[0]?.total ?? 0;
        return {
          rows: rows.filter((row) => row.record_id !== null),
          total: Math.min(matched, request.rankWindow),
          totalIsLowerBound: matched > request.rankWindow,
        };
      });
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === QUERY_CANCELED
      )
        throw searchTooSlow();
      throw error;
    }
  }
}
