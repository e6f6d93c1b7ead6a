import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ANALYSIS_EMBEDDER,
  AnalysesService,
  analyzeTranscript,
  AnalysisProfilesService,
  ProfileRescoresService,
  scorecardOf,
  type ProfileRescoreEntity,
  type SentenceEmbedder,
} from '@app/analysis';
import { DatabaseService } from '@app/database';
import { JobName, JobsService } from '@app/queue';
import { TranscriptsService } from '@app/transcription';

/** Records re-scored per job; each batch enqueues the next. */
export const RESCORE_BATCH = 200;

export interface RescoreWindow {
  from: Date;
  to: Date;
  projectId?: string;
}

/**
 * The calls a re-score covers: completed records of the organisation dated within the window (the call's date, or
 * when it was received), optionally of one project, whose newest analysis was scored with the profile. `$1` org,
 * `$2` profile, `$3` from, `$4` to, `$5` project or null.
 */
const COVERED = `
  FROM records record
  JOIN LATERAL (
    SELECT analysis.id, analysis.profile_id FROM analyses analysis
     WHERE analysis.org_id = record.org_id AND analysis.record_id = record.id
     ORDER BY analysis.version DESC LIMIT 1) latest ON true
 WHERE record.org_id = $1 AND latest.profile_id = $2
   AND record.processing_status = 'completed'
   AND COALESCE(record.date, record.created_at) BETWEEN $3 AND $4
   AND ($5::text IS NULL OR record.project_id = $5)`;

/**
 * Re-scores past calls with a profile's newest version after it changed (POST /analysis-profiles/:id/rescore), as a
 * background job with progress: each call's evaluation, scores and compliance are replaced, in one transaction with
 * the progress count, so a retried batch resumes where it stopped and never counts a call twice.
 */
@Injectable()
export class ProfileRescorer {
  private readonly logger = new Logger(ProfileRescorer.name);

  constructor(
    private readonly database: DatabaseService,
    private readonly jobs: JobsService,
    private readonly profiles: AnalysisProfilesService,
    private readonly rescores: ProfileRescoresService,
    private readonly analyses: AnalysesService,
    private readonly transcripts: TranscriptsService,
    @Inject(ANALYSIS_EMBEDDER) private readonly embedder: SentenceEmbedder,
  ) {}

  async start(
    orgId: string,
    profileId: string,
    window: RescoreWindow,
    requestedBy: string | null,
  ): Promise<ProfileRescoreEntity> {
    const profile = await this.profiles.findOne(orgId, profileId);
    const [{ count }] = (await this.database.transaction((manager) =>
      manager.query(`SELECT count(*)::int AS count ${COVERED}`, this.params(orgId, profileId, window)),
    )) as Array<{ count: number }>;
    const rescore = await this.rescores.create(orgId, {
      profileId,
      profileVersion: profile.version,
      projectId: window.projectId ?? null,
      windowFrom: window.from,
      windowTo: window.to,
      total: count,
      requestedBy,
    });
    if (count > 0)
      await this.jobs.enqueue({
        name: JobName.RescoreProfile,
        data: { orgId, rescoreId: rescore.id, batch: 0 },
      });
    return rescore;
  }

  /** One batch: the next RESCORE_BATCH covered records after the cursor, then the next batch or the end. */
  async runBatch(data: { orgId: string; rescoreId: string; batch: number }): Promise<{ rescored: number }> {
    const rescore = await this.rescores.find(data.orgId, data.rescoreId);
    if (!rescore || rescore.status === 'completed' || rescore.status === 'failed') return { rescored: 0 };
    const profile = await this.profiles.findOne(rescore.orgId, rescore.profileId).catch(() => null);
    if (!profile) {
      await this.rescores.finish(rescore, 'the profile was deleted');
      return { rescored: 0 };
    }
    const scorecard = scorecardOf(profile);
    const window = {
      from: rescore.windowFrom,
      to: rescore.windowTo,
      projectId: rescore.projectId ?? undefined,
    };
    const ids = (await this.database.transaction((manager) =>
      manager.query(
        `SELECT record.id, latest.id AS analysis_id, record.duration, record.language ${COVERED}
           AND ($6::text IS NULL OR record.id > $6)
         ORDER BY record.id LIMIT ${RESCORE_BATCH}`,
        [...this.params(rescore.orgId, rescore.profileId, window), rescore.cursor],
      ),
    )) as Array<{ id: string; analysis_id: string; duration: number | null; language: string | null }>;

    for (const row of ids) {
      const transcript = await this.transcripts.latest(rescore.orgId, row.id);
      const sentences = transcript?.sentences ?? [];
      const result = await analyzeTranscript(
        {
          language: transcript?.language ?? row.language ?? 'en',
          speakers: transcript?.speakers ?? [],
          sentences,
          duration: row.duration ?? sentences.at(-1)?.endTime ?? 0,
        },
        scorecard,
        { embedder: this.embedder, profileVersion: profile.version },
      );
      await this.database.transaction(async (manager) => {
        const analysis = await this.analyses.findOne(rescore.orgId, row.analysis_id, manager);
        await this.analyses.rescore(manager, analysis, profile.id, result);
        await manager.query(`UPDATE records SET quality_score = $3 WHERE org_id = $1 AND id = $2`, [
          rescore.orgId,
          row.id,
          result.qualityScore,
        ]);
        await this.rescores.advance(manager, rescore, row.id);
      });
    }
    if (ids.length < RESCORE_BATCH) {
      await this.rescores.finish(rescore);
      this.logger.log(
        `Re-score ${rescore.id} finished: ${rescore.total} call(s) with profile version ${profile.version}`,
      );
    } else
      await this.jobs.enqueue({
        name: JobName.RescoreProfile,
        data: { orgId: rescore.orgId, rescoreId: rescore.id, batch: data.batch + 1 },
      });
    return { rescored: ids.length };
  }

  private params(orgId: string, profileId: string, window: RescoreWindow) {
    return [orgId, profileId, window.from, window.to, window.projectId ?? null];
  }
}
