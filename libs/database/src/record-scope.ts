/**
 * Which record ids a list may show, as a subquery the records context builds (RecordsService.visibleIdsSubquery):
 * contexts that list rows hanging on records filter by it without reading the records table themselves.
 */
export interface RecordScope {
  sql: string;
  params: Record<string, unknown>;
  /** The subquery lists the ids to leave out (deleted records) rather than the ids to keep. */
  exclude: boolean;
}

/** The WHERE condition that keeps `column` (a record id) inside `scope`. */
export const inRecordScope = (column: string, scope: RecordScope): string =>
  `${column} ${scope.exclude ? 'NOT IN' : 'IN'} (${scope.sql})`;
