import { Module } from '@nestjs/common';
import { WorkerModule } from '../../worker/src/worker.module';
import { ApiModule } from './api.module';

/** The embedded default: the API and the worker in one process (`npm run start:local`, and the e2e tests). */
@Module({ imports: [ApiModule, WorkerModule] })
export class LocalModule {}
