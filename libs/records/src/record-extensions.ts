import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Inline parts other contexts add to GET /records/:id?include=... */
export const RECORD_INCLUDES = ['transcript', 'analysis', 'notes'] as const;
export type RecordInclude = (typeof RECORD_INCLUDES)[number];

export type IncludeLoader = (orgId: string, recordId: string) => Promise<unknown>;
/** Removes a context's rows of records about to be deleted, inside the deleting transaction. */
export type RecordDeletionHook = (
  orgId: string,
  recordIds: string[],
  manager: EntityManager,
) => Promise<void>;

/**
 * Lets the contexts that hang data on a record (transcription, analysis, search) plug into it without the records
 * context importing them: they register a loader for `include=` and a hook that deletes their rows together with
 * the record, in the same transaction (in their module's onModuleInit).
 */
@Injectable()
export class RecordExtensions {
  private readonly loaders = new Map<RecordInclude, IncludeLoader>();
  private readonly deletionHooks: RecordDeletionHook[] = [];

  registerInclude(name: Exclude<RecordInclude, 'notes'>, loader: IncludeLoader): void {
    this.loaders.set(name, loader);
  }

  onRecordsDeleted(hook: RecordDeletionHook): void {
    this.deletionHooks.push(hook);
  }

  loaderFor(name: RecordInclude): IncludeLoader | undefined {
    return this.loaders.get(name);
  }

  async runDeletionHooks(orgId: string, recordIds: string[], manager: EntityManager): Promise<void> {
    if (recordIds.length === 0) return;
    for (const hook of this.deletionHooks) await hook(orgId, recordIds, manager);
  }
}
