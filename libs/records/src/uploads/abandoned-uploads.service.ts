import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { RecordsRepository } from '../records.repository';
import { RecordsService } from '../records.service';

/** Time a signed upload may still be landing after its URL expired (a large PUT that started just in time). */
export const ABANDONED_UPLOAD_GRACE_SECONDS = 3600;
/** Reservations made before this instant can no longer receive their bytes (their URL expired, and its grace). */
export const reservationsExpiredBefore = (urlTtlSeconds: number, now: Date) =>
  new Date(now.getTime() - (urlTtlSeconds + ABANDONED_UPLOAD_GRACE_SECONDS) * 1000);

/** Rows removed per sweep; the next sweep continues. */
const SWEEP_BATCH = 500;

/**
 * Two-step uploads reserve a record before their bytes arrive. When the signed URL expires unused, the reserved row
 * (stage `uploading`, no audio) would stay forever; the maintenance job removes it here. Failed URL ingests keep
 * their row: it carries the reason the caller needs to see.
 */
@Injectable()
export class AbandonedUploadsService {
  private readonly logger = new Logger(AbandonedUploadsService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly rows: RecordsRepository,
    private readonly records: RecordsService,
  ) {}

  async sweep(now = new Date()): Promise<{ removed: number }> {
    const cutoff = reservationsExpiredBefore(this.config.UPLOAD_URL_TTL_SECONDS, now);
    const abandoned = await this.rows.abandonedUploads(cutoff, SWEEP_BATCH);
    const byOrg = new Map<string, string[]>();
    for (const { orgId, id } of abandoned) byOrg.set(orgId, [...(byOrg.get(orgId) ?? []), id]);
    for (const [orgId, ids] of byOrg) await this.records.deleteRecords(orgId, ids);
    if (abandoned.length > 0)
      this.logger.log(`Removed ${abandoned.length} expired, never used upload reservation(s)`);
    return { removed: abandoned.length };
  }
}
