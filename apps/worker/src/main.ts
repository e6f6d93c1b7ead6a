import 'reflect-metadata';
import { config as loadDotenv } from 'dotenv';
import { NestFactory } from '@nestjs/core';
import { Logger as NestLogger } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { closeGracefullyOnSignals, loadConfig } from '@app/core';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  loadDotenv({ quiet: true });
  loadConfig(process.env); // fail before anything starts, naming every bad setting
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.init();
  closeGracefullyOnSignals(app, 'Worker');
  new NestLogger('Worker').log('Worker started: processing queues');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
