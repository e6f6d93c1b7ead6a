import { ownerFilterFor, TenantContext } from '@app/core';
import type { RecordEntity } from './record.entity';
import { recordNotFound } from './records.errors';

/**
 * A record the caller may see: of its organisation (the repository's scope) and, for an agent, its own; anything
 * else is a 404, never a 403 that confirms it exists.
 */
export function visibleOrNotFound(record: RecordEntity | null, ctx: TenantContext): RecordEntity {
  const owner = ownerFilterFor(ctx);
  if (!record || (owner && record.ownerId !== owner)) throw recordNotFound();
  return record;
}
