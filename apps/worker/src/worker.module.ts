import { Module } from '@nestjs/common';
import { CoreModule } from '@app/core';
import { AlertsModule } from '@app/alerts';
import { DatabaseModule } from '@app/database';
import { PipelineModule } from '@app/pipeline';
import { QueueModule } from '@app/queue';
import { RecordsModule } from '@app/records';
import { PrivacyModule } from '@app/privacy';
import { RetentionModule } from '@app/retention';
import { TranscribesModule } from '@app/transcribes';
import { OutboxRelay, WebhooksModule } from '@app/webhooks';
import { JobMetrics } from './job-metrics';
import { PROCESSOR_TYPES } from './processor-types';

/** Every queue processor of the worker; a shutdown drains them all before connections close. */
export const PROCESSORS = PROCESSOR_TYPES;

/** The queue application: one processor per stage over the shared context modules. No HTTP. */
@Module({
  imports: [
    CoreModule,
    DatabaseModule,
    QueueModule,
    WebhooksModule,
    PipelineModule,
    AlertsModule,
    RecordsModule,
    // Its deletion hook: a record deleted in the worker (abandoned uploads) takes its transcribe rows along.
    TranscribesModule,
    RetentionModule,
    PrivacyModule,
  ],
  providers: [...PROCESSORS, OutboxRelay, JobMetrics],
})
export class WorkerModule {}
