import { Module } from '@nestjs/common';
import { AnalysisModule } from '@app/analysis';
import { AnalysisProfilesController } from './analysis-profiles.controller';

/** The HTTP side of analysis: scorecards (analysis profiles). */
@Module({
  imports: [AnalysisModule],
  controllers: [AnalysisProfilesController],
})
export class AnalysisApiModule {}
