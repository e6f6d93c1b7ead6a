import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TranscriptionResult } from '@app/transcription';
import type { RecordEntity } from './record.entity';

/** Inline parts other contexts add to GET /records/:id?include=... */
export const RECORD_INCLUDES = ['transcript', 'analysis', 'notes'] as const;
export type RecordInclude = (typeof RECORD_INCLUDES)[number];

export type IncludeLoader = (orgId: string, recordId: string) => Promise<unknown>;
/**
 * The contexts that keep rows hanging on a record, each of which must remove them when records are deleted. Every
 * application (API, worker, local) deletes records, so every composition must hold each of these hooks: a delete
 * must not remove less in one process than in another.
 */
export const DELETION_HOOK_OWNERS = [
  'pipeline',
  'search',
  'alerts',
  'transcribes',
  'followups',
  'webhooks',
] as const;
export type DeletionHookOwner = (typeof DELETION_HOOK_OWNERS)[number];

/** Per record id, the fields a context adds to the record's view. */
export type RecordViewLoader = (
  orgId: string,
  records: RecordEntity[],
) => Promise<Map<string, Record<string, unknown>>>;

/** Removes a context's rows of records about to be deleted, inside the deleting transaction. */
export type RecordDeletionHook = (
  orgId: string,
  recordIds: string[],
  manager: EntityManager,
) => Promise<void>;

/** A note's text after a change, null once deleted: for contexts that keep a copy of notes (search). */
export interface NoteChange {
  orgId: string;
  recordId: string;
  noteId: string;
  text: string | null;
  createdAt?: Date;
}

/** Record fields other contexts copy onto their rows (search keeps the owner), after PATCH /records/:id. */
export interface RecordChange {
  orgId: string;
  recordId: string;
  ownerId?: string | null;
}

/**
 * Reads and stores a transcript sent with a call (POST /records/upload `transcript` part), so the transcription
 * stage uses it instead of recognising the audio. Registered by the transcribes context, which owns the formats.
 */
export interface SuppliedTranscripts {
  /** WebVTT, SRT or JSON utterances; a bad one throws a 400 naming `transcript`. */
  parse(text: string): TranscriptionResult;
  save(
    orgId: string,
    recordId: string,
    version: number,
    transcript: TranscriptionResult,
    manager: EntityManager,
  ): Promise<void>;
}

/**
 * Lets the contexts that hang data on a record (transcription, analysis, search) plug into it without the records
 * context importing them: they register a loader for `include=` and a hook that deletes their rows together with
 * the record, in the same transaction (in their module's onModuleInit).
 */
@Injectable()
export class RecordExtensions implements OnApplicationBootstrap {
  private readonly loaders = new Map<RecordInclude, IncludeLoader>();
  private readonly deletionHooks = new Map<DeletionHookOwner, RecordDeletionHook>();
  private suppliedTranscripts?: SuppliedTranscripts;
  private readonly noteHooks: Array<(change: NoteChange) => Promise<void>> = [];
  private readonly recordHooks: Array<(change: RecordChange) => Promise<void>> = [];
  private readonly transcriptExpiryHooks: RecordDeletionHook[] = [];
  private readonly hiddenHooks: RecordDeletionHook[] = [];
  private readonly restoredHooks: Array<
    (orgId: string, recordId: string, manager: EntityManager) => Promise<void>
  > = [];
  private readonly viewExtras: RecordViewLoader[] = [];
  private customerCheck?: (orgId: string, customerId: string) => Promise<boolean>;

  registerInclude(name: Exclude<RecordInclude, 'notes'>, loader: IncludeLoader): void {
    this.loaders.set(name, loader);
  }

  onRecordsDeleted(owner: DeletionHookOwner, hook: RecordDeletionHook): void {
    this.deletionHooks.set(owner, hook);
  }

  /** Refuses to start an application whose modules leave a declared deletion hook out. */
  onApplicationBootstrap(): void {
    const missing = DELETION_HOOK_OWNERS.filter((owner) => !this.deletionHooks.has(owner));
    if (missing.length > 0)
      throw new Error(
        `This application does not load the modules that delete records' ${missing.join(', ')} rows: ` +
          'import them, or a deleted record would leave data behind',
      );
  }

  /**
   * Removes what was said in these records — transcripts and every copy of their text — when a retention policy
   * expires them, inside the caller's transaction. The transcription context's rows and search's are elsewhere.
   */
  onTranscriptsExpired(hook: RecordDeletionHook): void {
    this.transcriptExpiryHooks.push(hook);
  }

  async runTranscriptExpiryHooks(orgId: string, recordIds: string[], manager: EntityManager): Promise<void> {
    if (this.transcriptExpiryHooks.length === 0)
      throw new Error('No module removes transcripts in this application: import the pipeline module');
    for (const hook of this.transcriptExpiryHooks) await hook(orgId, recordIds, manager);
  }

  /** Rows to hide with a deleted (restorable) record, in the deleting transaction (a typed conversation's transcribe). */
  onRecordsHidden(hook: RecordDeletionHook): void {
    this.hiddenHooks.push(hook);
  }

  onRecordRestored(hook: (orgId: string, recordId: string, manager: EntityManager) => Promise<void>): void {
    this.restoredHooks.push(hook);
  }

  async runHiddenHooks(orgId: string, recordIds: string[], manager: EntityManager): Promise<void> {
    for (const hook of this.hiddenHooks) await hook(orgId, recordIds, manager);
  }

  async runRestoredHooks(orgId: string, recordId: string, manager: EntityManager): Promise<void> {
    for (const hook of this.restoredHooks) await hook(orgId, recordId, manager);
  }

  /** Fields other contexts add to every record view (the CRM customer), loaded once per page of records. */
  registerViewExtras(loader: RecordViewLoader): void {
    this.viewExtras.push(loader);
  }

  async loadViewExtras(
    orgId: string,
    records: RecordEntity[],
  ): Promise<Map<string, Record<string, unknown>>> {
    const merged = new Map<string, Record<string, unknown>>();
    for (const loader of this.viewExtras)
      for (const [id, extra] of await loader(orgId, records)) merged.set(id, { ...merged.get(id), ...extra });
    return merged;
  }

  /** Whether a CRM customer exists in the organisation (for PATCH /records/:id { crmCustomerId }). */
  registerCustomerCheck(check: (orgId: string, customerId: string) => Promise<boolean>): void {
    this.customerCheck = check;
  }

  async customerExists(orgId: string, customerId: string): Promise<boolean> {
    return this.customerCheck ? this.customerCheck(orgId, customerId) : false;
  }

  onNoteChanged(hook: (change: NoteChange) => Promise<void>): void {
    this.noteHooks.push(hook);
  }

  onRecordChanged(hook: (change: RecordChange) => Promise<void>): void {
    this.recordHooks.push(hook);
  }

  async runNoteHooks(change: NoteChange): Promise<void> {
    for (const hook of this.noteHooks) await hook(change);
  }

  async runRecordHooks(change: RecordChange): Promise<void> {
    for (const hook of this.recordHooks) await hook(change);
  }

  registerSuppliedTranscripts(handler: SuppliedTranscripts): void {
    this.suppliedTranscripts = handler;
  }

  /** The handler of supplied transcripts, if a context registered one (the API and local processes do). */
  get transcripts(): SuppliedTranscripts | undefined {
    return this.suppliedTranscripts;
  }

  loaderFor(name: RecordInclude): IncludeLoader | undefined {
    return this.loaders.get(name);
  }

  async runDeletionHooks(orgId: string, recordIds: string[], manager: EntityManager): Promise<void> {
    if (recordIds.length === 0) return;
    for (const hook of this.deletionHooks.values()) await hook(orgId, recordIds, manager);
  }
}
