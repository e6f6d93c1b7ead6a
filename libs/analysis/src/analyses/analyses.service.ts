import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { newId } from '@app/core';
import type { AnalysisResult } from '../analysis-result';
import { analysisNotFound, analysisVersionTaken } from '../analysis.errors';
import type { RecordScope } from '@app/database';
import { AnalysesRepository } from './analyses.repository';
import type { ListAnalysesQuery } from './dto/list-analyses.query';
import { AnalysisEntity } from './analysis.entity';

/** An analysis as api.md "Analyses" shows it. */
export const presentAnalysis = (analysis: AnalysisEntity) => ({
  id: analysis.id,
  recordId: analysis.recordId,
  profileId: analysis.profileId,
  version: analysis.version,
  qualityScore: analysis.qualityScore,
  complianceStatus: analysis.complianceStatus,
  categories: analysis.categories,
  criteria: analysis.criteria,
  evaluation: analysis.evaluation,
  summary: analysis.summary,
  improvements: analysis.improvements,
  sentiment: analysis.sentiment,
  metrics: analysis.metrics,
  keywords: analysis.keywords,
  bookmarks: analysis.bookmarks,
  pii: analysis.pii,
  engine: analysis.engine,
  createdAt: analysis.createdAt.toISOString(),
});

@Injectable()
export class AnalysesService {
  constructor(private readonly analyses: AnalysesRepository) {}

  /**
   * Stores the analysis of one version of a record, inside the caller's transaction. Idempotent per version: a
   * retried job finds the row its first attempt wrote and gets it back unchanged, so nothing is stored twice.
   */
  async saveForRecord(
    orgId: string,
    recordId: string,
    version: number,
    profileId: string,
    result: AnalysisResult,
    manager?: EntityManager,
  ): Promise<AnalysisEntity> {
    await this.analyses.insertOnce(
      orgId,
      {
        id: newId('ana'),
        recordId,
        profileId,
        version,
        qualityScore: result.qualityScore,
        complianceStatus: result.complianceStatus,
        categories: result.categories,
        criteria: result.criteria,
        evaluation: { ...result.evaluation, profileId },
        summary: result.summary,
        improvements: result.improvements,
        sentiment: result.sentiment,
        sentimentLabel: result.sentiment.label,
        sentimentScore: result.sentiment.score,
        metrics: result.metrics,
        keywords: result.keywords,
        bookmarks: result.bookmarks,
        pii: result.pii,
        engine: result.engine,
        sentences: result.sentences,
      },
      manager,
    );
    const stored = await this.analyses.findVersion(orgId, recordId, version, manager);
    // The (record, version) key is global; finding nothing in this organisation means another one holds it.
    if (!stored) throw analysisVersionTaken(recordId, version);
    return stored;
  }

  async findOne(orgId: string, id: string, manager?: EntityManager): Promise<AnalysisEntity> {
    const found = await this.analyses.findOne(orgId, id, manager);
    if (!found) throw analysisNotFound();
    return found;
  }

  /** A page of analyses of the records in `scope` (see AnalysesRepository.list for which versions count). */
  list(
    orgId: string,
    query: ListAnalysesQuery,
    scope: RecordScope | null,
  ): Promise<[AnalysisEntity[], number, string | null]> {
    return this.analyses.list(orgId, query, scope);
  }

  /** The newest analysis of a record, or null before its first analysis. */
  latestForRecord(orgId: string, recordId: string, manager?: EntityManager): Promise<AnalysisEntity | null> {
    return this.analyses.latestFor(orgId, recordId, manager);
  }

  /** The newest analysis of each record that has one (a page of records at once). */
  latestForRecords(orgId: string, recordIds: string[]): Promise<AnalysisEntity[]> {
    return this.analyses.latestForMany(orgId, recordIds);
  }

  /**
   * Replaces the scorecard part of an analysis (a re-score after a profile change), inside the caller's
   * transaction; everything else it holds (transcript insights, summary, sentiment) stays.
   */
  async rescore(
    manager: EntityManager,
    analysis: AnalysisEntity,
    profileId: string,
    result: Pick<
      AnalysisResult,
      'qualityScore' | 'complianceStatus' | 'categories' | 'criteria' | 'improvements' | 'evaluation'
    >,
  ): Promise<void> {
    await this.analyses.update(
      analysis.orgId,
      analysis.id,
      {
        profileId,
        qualityScore: result.qualityScore,
        complianceStatus: result.complianceStatus,
        categories: result.categories,
        criteria: result.criteria,
        improvements: result.improvements,
        evaluation: { ...result.evaluation, profileId },
      },
      manager,
    );
  }

  /**
   * Forgets the per-sentence text the analyses of these records keep (a retention policy removed their
   * transcripts); scores, summary and metrics stay.
   */
  async forgetSentences(manager: EntityManager, orgId: string, recordIds: string[]): Promise<void> {
    await manager.query(
      `UPDATE analyses SET sentences = '[]' WHERE org_id = $1 AND record_id = ANY($2::text[])`,
      [orgId, recordIds],
    );
  }

  /** Removes the analyses of records being deleted, in the deleting transaction. */
  deleteForRecords(orgId: string, recordIds: string[], manager?: EntityManager): Promise<void> {
    return this.analyses.deleteForRecords(orgId, recordIds, manager);
  }
}
