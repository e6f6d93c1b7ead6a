import { Module } from '@nestjs/common';
import { CoreModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { IdentityModule } from '@app/identity';
import { PipelineModule } from '@app/pipeline';
import { QueueModule } from '@app/queue';
import { TranscribesModule } from '@app/transcribes';
import { WebhooksModule } from '@app/webhooks';
import {
  CreateOrganizationCommand,
  RequeueStuckCommand,
  ResetPasswordCommand,
  RotateSecretsCommand,
} from './commands';

/** The operators' command line: the same modules as the worker needs for these few commands, no HTTP, no jobs. */
@Module({
  imports: [
    CoreModule,
    DatabaseModule,
    QueueModule,
    IdentityModule,
    PipelineModule,
    TranscribesModule,
    WebhooksModule,
  ],
  providers: [CreateOrganizationCommand, ResetPasswordCommand, RequeueStuckCommand, RotateSecretsCommand],
})
export class AdminModule {}
