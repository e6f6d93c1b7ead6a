import { Module } from '@nestjs/common';
import { CoreModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { QueueModule } from '@app/queue';
import { MaintenanceProcessor } from './maintenance.processor';

/** The queue application: one processor per stage over the shared context modules. No HTTP. */
@Module({
  imports: [CoreModule, DatabaseModule, QueueModule],
  providers: [MaintenanceProcessor],
})
export class WorkerModule {}
