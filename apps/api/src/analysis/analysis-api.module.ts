import { Module } from '@nestjs/common';
import { AnalysisModule } from '@app/analysis';
import { PipelineModule } from '@app/pipeline';
import { RecordsModule } from '@app/records';
import { AnalysesAccessService } from './analyses-access.service';
import { AnalysesController } from './analyses.controller';
import { AnalysisProfilesController } from './analysis-profiles.controller';

/** The HTTP side of analysis: analyses (with annotations, reviews, re-analysis) and scorecards. */
@Module({
  imports: [AnalysisModule, RecordsModule, PipelineModule],
  controllers: [AnalysesController, AnalysisProfilesController],
  providers: [AnalysesAccessService],
})
export class AnalysisApiModule {}
