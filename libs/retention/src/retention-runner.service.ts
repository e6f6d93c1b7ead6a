import { Injectable, Logger } from '@nestjs/common';
import { AuditService, SYSTEM, type AuditActor } from '@app/audit';
import { DatabaseService } from '@app/database';
import { RecordAudioService, RecordDeletionService, RecordExtensions } from '@app/records';
import { OutboxService } from '@app/webhooks';
import type { RetentionPolicyEntity } from './retention-policy.entity';
import { RetentionPoliciesService } from './retention-policies.service';

/** Records handled per transaction: no transaction holds locks for long. */
export const RETENTION_BATCH = 100;
/** Records one policy handles per rule and run: a run's work is bounded; the next run goes on where it stopped. */
export const RETENTION_MAX_PER_RUN = 5000;

export interface RetentionReport {
  policies: number;
  audioRemoved: number;
  transcriptsRemoved: number;
  purged: number;
}

type Rule = 'audio' | 'transcript' | 'purge';

/** Which records a rule of a policy still has to handle ($1 org, $2 project, $3 tag, $4 days, $5 limit). */
const CANDIDATES: Record<Rule, string> = {
  audio: `r.audio_deleted_at IS NULL AND r.storage_key IS NOT NULL
          AND r.processing_status IN ('completed', 'failed')
          AND COALESCE(r.date, r.created_at) <= now() - make_interval(days => $4)`,
  transcript: `r.transcript_deleted_at IS NULL AND r.processing_status = 'completed'
          AND COALESCE(r.date, r.created_at) <= now() - make_interval(days => $4)`,
  purge: `r.deleted_at IS NOT NULL AND r.deleted_at <= now() - make_interval(days => $4)`,
};

const candidatesSql = (rule: Rule) => `
  SELECT r.id FROM records r
   WHERE r.org_id = $1 AND NOT r.legal_hold
     AND ($2::text IS NULL OR r.project_id = $2)
     AND ($3::text IS NULL OR EXISTS (
           SELECT 1 FROM record_tags rt JOIN tags t ON t.id = rt.tag_id
            WHERE rt.record_id = r.id AND rt.org_id = r.org_id AND lower(t.value) = lower($3)))
     AND ${CANDIDATES[rule]}
   ORDER BY r.id LIMIT $5`;

/**
 * Applies an organisation's retention policies: audio and transcripts past their days are removed (the record
 * stays), deleted records past theirs are purged. Work goes in batches of RETENTION_BATCH records, each its own
 * transaction with its audit entries and `record.retention_applied` events; records under legal hold are never
 * touched. A policy changed since the last run applies to existing records on this one.
 */
@Injectable()
export class RetentionRunner {
  private readonly logger = new Logger(RetentionRunner.name);

  constructor(
    private readonly policies: RetentionPoliciesService,
    private readonly database: DatabaseService,
    private readonly extensions: RecordExtensions,
    private readonly audio: RecordAudioService,
    private readonly deletion: RecordDeletionService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /** Every organisation that has a policy (the hourly run). */
  async runAll(): Promise<RetentionReport> {
    const orgs = (await this.database.transaction((manager) =>
      manager.query(`SELECT DISTINCT org_id FROM retention_policies`),
    )) as Array<{ org_id: string }>;
    const total: RetentionReport = { policies: 0, audioRemoved: 0, transcriptsRemoved: 0, purged: 0 };
    for (const { org_id } of orgs) {
      const report = await this.run(org_id, SYSTEM);
      for (const key of Object.keys(total) as Array<keyof RetentionReport>) total[key] += report[key];
    }
    return total;
  }

  async run(orgId: string, actor: AuditActor): Promise<RetentionReport> {
    const policies = await this.policies.all(orgId);
    const report: RetentionReport = {
      policies: policies.length,
      audioRemoved: 0,
      transcriptsRemoved: 0,
      purged: 0,
    };
    for (const policy of policies) {
      if (policy.deleteAudioAfterDays !== null)
        report.audioRemoved += await this.apply(policy, 'audio', policy.deleteAudioAfterDays, actor);
      if (policy.deleteTranscriptAfterDays !== null)
        report.transcriptsRemoved += await this.apply(
          policy,
          'transcript',
          policy.deleteTranscriptAfterDays,
          actor,
        );
      if (policy.purgeDeletedAfterDays !== null)
        report.purged += await this.apply(policy, 'purge', policy.purgeDeletedAfterDays, actor);
    }
    await this.audit.record(null, {
      orgId,
      actor,
      action: 'retention.run',
      target: { type: 'organization', id: orgId },
      details: { ...report },
    });
    if (report.audioRemoved + report.transcriptsRemoved + report.purged > 0)
      this.logger.log(`Retention for ${orgId}: ${JSON.stringify(report)}`);
    return report;
  }

  private async apply(
    policy: RetentionPolicyEntity,
    rule: Rule,
    days: number,
    actor: AuditActor,
  ): Promise<number> {
    let handled = 0;
    while (handled < RETENTION_MAX_PER_RUN) {
      const ids = (
        (await this.database.transaction((manager) =>
          manager.query(candidatesSql(rule), [
            policy.orgId,
            policy.projectId,
            policy.tag,
            days,
            RETENTION_BATCH,
          ]),
        )) as Array<{ id: string }>
      ).map((row) => row.id);
      if (ids.length === 0) break;
      const done =
        rule === 'purge'
          ? (
              await this.deletion.purgeAsSystem(policy.orgId, ids, actor, {
                policyId: policy.id,
                reason: 'retention',
              })
            ).length
          : await this.removePart(policy, rule, ids, actor);
      handled += done;
      // Nothing of a batch could be handled (all changed meanwhile): the next run takes them up again.
      if (done === 0 || ids.length < RETENTION_BATCH) break;
    }
    return handled;
  }

  /** Removes the audio or the transcript of a batch in one transaction, with its audit entries and events. */
  private async removePart(
    policy: RetentionPolicyEntity,
    rule: 'audio' | 'transcript',
    ids: string[],
    actor: AuditActor,
  ): Promise<number> {
    const column = rule === 'audio' ? 'audio_deleted_at' : 'transcript_deleted_at';
    const removed = await this.database.transaction(async (manager) => {
      const rows = (await manager.query(
        `UPDATE records SET ${column} = now() WHERE org_id = $1 AND id = ANY($2::text[]) AND ${column} IS NULL
           AND NOT legal_hold RETURNING id`,
        [policy.orgId, ids],
      )) as [Array<{ id: string }>, number];
      const updated = rows[0].map((row) => row.id);
      if (updated.length === 0) return [];
      if (rule === 'transcript')
        await this.extensions.runTranscriptExpiryHooks(policy.orgId, updated, manager);
      const details = { policyId: policy.id, removed: rule };
      await this.audit.record(
        manager,
        ...updated.map((id) => ({
          orgId: policy.orgId,
          actor,
          action: 'record.retention_applied' as const,
          target: { type: 'record', id },
          details,
        })),
      );
      for (const id of updated)
        await this.outbox.add(manager, {
          orgId: policy.orgId,
          type: 'record.retention_applied',
          dedupeKey: `record.retention_applied:${id}:${rule}`,
          data: { id, ...details },
        });
      return updated;
    });
    if (rule === 'audio') await this.audio.removeRecordFiles(policy.orgId, removed);
    return removed.length;
  }
}
