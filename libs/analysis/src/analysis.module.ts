import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/core';
import { AnalysesRepository } from './analyses/analyses.repository';
import { AnalysesService } from './analyses/analyses.service';
import { AnnotationEntity } from './annotations/annotation.entity';
import { AnnotationsRepository, AnnotationsService } from './annotations/annotations.service';
import { AnalysisEntity } from './analyses/analysis.entity';
import { CalibrationService } from './calibration/calibration.service';
import { ProfileRescoreEntity } from './rescores/profile-rescore.entity';
import { ProfileRescoresRepository, ProfileRescoresService } from './rescores/profile-rescores.service';
import { LlmSummarizer } from './llm/llm-summarizer';
import { AnalysisProfileVersionEntity } from './profiles/analysis-profile-version.entity';
import { AnalysisProfileEntity } from './profiles/analysis-profile.entity';
import { BatchingEmbedder } from './semantics/batching-embedder';
import { UniversalSentenceEncoder, type SentenceEmbedder } from './semantics/sentence-embedder';
import { AnalysisProfilesRepository } from './profiles/analysis-profiles.repository';
import { AnalysisProfilesService } from './profiles/analysis-profiles.service';
import { ReviewEntity } from './reviews/review.entity';
import { ReviewsRepository, ReviewsService } from './reviews/reviews.service';

/** Injection token of the configured LlmSummarizer, or null when no LLM is configured (offline analyses). */
export const ANALYSIS_LLM = Symbol('ANALYSIS_LLM');
/** Injection token of the SentenceEmbedder that matches criteria by meaning. */
export const ANALYSIS_EMBEDDER = Symbol('ANALYSIS_EMBEDDER');

/** Analysis context: analyses and analysis profiles (scorecards); the engine itself is plain functions. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      AnalysisEntity,
      AnalysisProfileEntity,
      AnalysisProfileVersionEntity,
      ProfileRescoreEntity,
      AnnotationEntity,
      ReviewEntity,
    ]),
  ],
  providers: [
    AnalysesRepository,
    AnalysesService,
    AnalysisProfilesRepository,
    AnalysisProfilesService,
    AnnotationsRepository,
    AnnotationsService,
    ReviewsRepository,
    ReviewsService,
    CalibrationService,
    ProfileRescoresRepository,
    ProfileRescoresService,
    {
      provide: ANALYSIS_LLM,
      inject: [AppConfig],
      useFactory: (config: AppConfig): LlmSummarizer | null =>
        config.ANALYSIS_LLM_BASE_URL
          ? new LlmSummarizer({
              baseUrl: config.ANALYSIS_LLM_BASE_URL,
              apiKey: config.ANALYSIS_LLM_API_KEY,
              model: config.ANALYSIS_LLM_MODEL,
              timeoutMs: config.ANALYSIS_LLM_TIMEOUT_SECONDS * 1000,
            })
          : null,
    },
    {
      provide: ANALYSIS_EMBEDDER,
      useFactory: (): SentenceEmbedder => new BatchingEmbedder(new UniversalSentenceEncoder()),
    },
  ],
  exports: [
    AnalysesService,
    AnalysisProfilesService,
    AnnotationsService,
    ReviewsService,
    CalibrationService,
    ProfileRescoresService,
    ANALYSIS_LLM,
    ANALYSIS_EMBEDDER,
  ],
})
export class AnalysisModule {}
