import { Module } from '@nestjs/common';
import { AnalysisModule } from '@app/analysis';
import { FollowupsModule } from '@app/followups';
import { RecordsModule } from '@app/records';
import { SiroRecordingsController } from './siro-recordings.controller';

@Module({
  imports: [RecordsModule, AnalysisModule, FollowupsModule],
  controllers: [SiroRecordingsController],
})
export class SiroCompatModule {}
