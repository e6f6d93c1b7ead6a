import 'reflect-metadata';
import { config as loadDotenv } from 'dotenv';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, closeGracefullyOnSignals, loadConfig } from '@app/core';
import { ApiModule } from './api.module';
import { configureApp } from './configure-app';

async function bootstrap(): Promise<void> {
  loadDotenv({ quiet: true });
  loadConfig(process.env); // fail before anything starts, naming every bad setting
  const app = configureApp(await NestFactory.create<NestExpressApplication>(ApiModule, { bufferLogs: true }));
  const config = app.get(AppConfig);
  closeGracefullyOnSignals(app, 'Parley');
  await app.listen(config.PORT, config.HOST);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
