import { Module } from '@nestjs/common';
import { CoreModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { QueueModule } from '@app/queue';
import { HealthModule } from './health/health.module';

/** The HTTP application: controllers and guards over the shared context modules. Enqueues work, never does it. */
@Module({
  imports: [CoreModule, DatabaseModule, QueueModule, HealthModule],
})
export class ApiModule {}
