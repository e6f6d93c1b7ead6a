/** What a search row holds: a transcript sentence, the summary, the title or a note of one record. */
export const SEARCH_ENTRY_KINDS = ['transcript', 'summary', 'note', 'title'] as const;
export type SearchEntryKind = (typeof SEARCH_ENTRY_KINDS)[number];

/** Longest text indexed per row: far above a sentence or a note, far below PostgreSQL's 1 MB tsvector limit. */
export const MAX_ENTRY_CHARS = 20_000;

/** Who may find a record's rows and where they sit: copied onto every row so a search needs no join. */
export interface RecordSearchScope {
  orgId: string;
  recordId: string;
  projectId: string;
  ownerId: string | null;
  /** The call's date (or the record's creation when it has none): what `from` and `to` filter on. */
  recordDate: Date;
  /** A PostgreSQL text-search configuration (see search-language.ts). */
  configuration: string;
}

export interface SearchEntryInput {
  kind: SearchEntryKind;
  /** Sentence index for transcripts, note id for notes, empty for the summary and the title. */
  ref: string;
  text: string;
  startTime: number | null;
  createdAt?: Date;
}

/** One search request after validation, with the caller's visibility already applied. */
export interface SearchRequest {
  orgId: string;
  query: string;
  /** Only this owner's records (an agent's own). */
  ownerId?: string;
  projectId?: string;
  kind?: SearchEntryKind;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
  /** At most this many hits are ranked: the newest by record date. */
  rankWindow: number;
}

export interface SearchHitRow {
  record_id: string;
  kind: SearchEntryKind;
  ref: string;
  start_time: number | null;
  created_at: Date;
  record_date: Date;
  score: number;
  snippet: string;
}
