export * from './transcript';
export { tokenize, type Token } from './text/tokens';
export * from './analysis-result';
export * from './metrics/conversation-metrics';
export * from './sentiment/sentiment';
export * from './scorecard/profile';
export * from './scorecard/scorecard';
export * from './scorecard/evaluation';
export * from './metrics/metric-definitions';
export * from './metrics/vocabulary';
export * from './semantics/sentence-embedder';
export * from './semantics/batching-embedder';
export * from './semantics/meaning-matcher';
export * from './scorecard/default-profile';
export * from './summary/extractive-summary';
export * from './keywords/keywords';
export * from './pii/pii-detector';
export * from './llm/llm-summarizer';
export * from './engine/analyze-transcript';
export * from './audio/silence-spans';
export * from './analysis.errors';
export { AnalysisEntity } from './analyses/analysis.entity';
export { AnalysesService, presentAnalysis } from './analyses/analyses.service';
export { AnalysisProfileEntity } from './profiles/analysis-profile.entity';
export { AnalysisProfilesService, presentProfile, scorecardOf } from './profiles/analysis-profiles.service';
export type { ProfileInput } from './profiles/analysis-profiles.service';
export { AnalysisModule, ANALYSIS_LLM, ANALYSIS_EMBEDDER } from './analysis.module';
export * from './profiles/dto/analysis-profile.dto';
export { checkCriteria } from './profiles/analysis-profiles.service';
export { ListAnalysesQuery } from './analyses/dto/list-analyses.query';
export { AnnotationEntity } from './annotations/annotation.entity';
export { AnnotationsService, presentAnnotation } from './annotations/annotations.service';
export { CreateAnnotationDto } from './annotations/dto/create-annotation.dto';
export { ReviewEntity } from './reviews/review.entity';
export type { ReviewedCriterion } from './reviews/review.entity';
export { ReviewsService, presentReview, MAX_REVIEWS_PER_ANALYSIS } from './reviews/reviews.service';
export { CreateReviewDto, ReviewedCriterionDto } from './reviews/dto/create-review.dto';
export * from './calibration/calibration';
export { CalibrationService, MAX_CALIBRATION_REVIEWS } from './calibration/calibration.service';
export {
  ProfileRescoreEntity,
  RESCORE_STATUSES,
  type RescoreStatus,
} from './rescores/profile-rescore.entity';
export { ProfileRescoresService, presentRescore } from './rescores/profile-rescores.service';
