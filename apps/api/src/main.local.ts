import 'reflect-metadata';
import { config as loadDotenv } from 'dotenv';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, closeGracefullyOnSignals, loadConfig } from '@app/core';
import { configureApp } from './configure-app';
import { LocalModule } from './local.module';
import { drainWorkers } from '../../worker/src/drain-workers';
import { PROCESSORS } from '../../worker/src/worker.module';
import { TranscriptionEngines, verifyDefaultEngineFiles } from '@app/transcription';

async function bootstrap(): Promise<void> {
  loadDotenv({ quiet: true });
  await verifyDefaultEngineFiles(loadConfig(process.env)); // before the worker part can take any job
  const app = configureApp(
    await NestFactory.create<NestExpressApplication>(LocalModule, { bufferLogs: true }),
  );
  const config = app.get(AppConfig);
  await app.init();
  await app.get(TranscriptionEngines).prepareDefault();
  closeGracefullyOnSignals(app, 'Parley', {
    beforeClose: () => drainWorkers(app, PROCESSORS, config.SHUTDOWN_GRACE_SECONDS * 1000),
  });
  await app.listen(config.PORT, config.HOST);
  console.log(
    `Parley is running: console ${config.PUBLIC_URL}/, API ${config.PUBLIC_URL}/api/v1  (OpenAPI UI: ${config.PUBLIC_URL}/docs)`,
  );
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
