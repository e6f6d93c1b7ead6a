import { Module } from '@nestjs/common';
import { RecordsModule } from '@app/records';
import { TranscriptionModule } from '@app/transcription';
import { WebhooksModule } from '@app/webhooks';
import { PipelineService } from './pipeline.service';
import { ReconcilerService } from './reconciler.service';
import { StageHooks } from './stage-hooks';

/** The stage machine; its processors live in apps/worker. */
@Module({
  imports: [RecordsModule, TranscriptionModule, WebhooksModule],
  providers: [PipelineService, ReconcilerService, StageHooks],
  exports: [PipelineService, ReconcilerService],
})
export class PipelineModule {}
