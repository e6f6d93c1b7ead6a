import 'reflect-metadata';
import { config as loadDotenv } from 'dotenv';
import { NestFactory } from '@nestjs/core';
import { Logger as NestLogger } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { closeGracefullyOnSignals, loadConfig } from '@app/core';
import { TranscriptionEngines, verifyDefaultEngineFiles } from '@app/transcription';
import { drainWorkers } from './drain-workers';
import { PROCESSORS, WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  loadDotenv({ quiet: true });
  const config = loadConfig(process.env); // fail before anything starts, naming every bad setting
  await verifyDefaultEngineFiles(config); // before any job can be taken
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.init();
  await app.get(TranscriptionEngines).prepareDefault(); // the model loads once, before the first call needs it
  closeGracefullyOnSignals(app, 'Worker', {
    beforeClose: () => drainWorkers(app, PROCESSORS, config.SHUTDOWN_GRACE_SECONDS * 1000),
  });
  new NestLogger('Worker').log('Worker started: processing queues');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
