import { Module } from '@nestjs/common';
import { CoreModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { IdentityModule } from '@app/identity';
import { PipelineModule } from '@app/pipeline';
import { QueueModule } from '@app/queue';
import { TranscribesModule } from '@app/transcribes';
import { CreateOrganizationCommand, RequeueStuckCommand, ResetPasswordCommand } from './commands';

/** The operators' command line: the same modules as the worker needs for these few commands, no HTTP, no jobs. */
@Module({
  imports: [CoreModule, DatabaseModule, QueueModule, IdentityModule, PipelineModule, TranscribesModule],
  providers: [CreateOrganizationCommand, ResetPasswordCommand, RequeueStuckCommand],
})
export class AdminModule {}
