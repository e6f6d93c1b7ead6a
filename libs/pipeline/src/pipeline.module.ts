import { Module } from '@nestjs/common';
import { AlertsModule } from '@app/alerts';
import { CrmModule } from '@app/crm';
import { FollowupsModule } from '@app/followups';
import { ProfileRescorer } from './rescore/profile-rescorer.service';
import { AnalysisModule } from '@app/analysis';
import { BillingModule } from '@app/billing';
import { RecordsModule } from '@app/records';
import { SearchModule } from '@app/search';
import { TranscriptionModule } from '@app/transcription';
import { WebhooksModule } from '@app/webhooks';
import { PipelineService } from './pipeline.service';
import { ReconcilerService } from './reconciler.service';
import { RecordLinks } from './record-links';
import { StageHooks } from './stage-hooks';
import { TranscriptViewService } from './transcript-view.service';

/** The stage machine; its processors live in apps/worker. */
@Module({
  imports: [
    RecordsModule,
    TranscriptionModule,
    AnalysisModule,
    BillingModule,
    SearchModule,
    AlertsModule,
    FollowupsModule,
    CrmModule,
    WebhooksModule,
  ],
  providers: [
    PipelineService,
    ReconcilerService,
    StageHooks,
    RecordLinks,
    TranscriptViewService,
    ProfileRescorer,
  ],
  exports: [PipelineService, ReconcilerService, TranscriptViewService, ProfileRescorer],
})
export class PipelineModule {}
