import 'reflect-metadata';
import { config as loadDotenv } from 'dotenv';
import { CommandFactory } from 'nest-commander';
import { loadConfig } from '@app/core';
import { AdminModule } from './admin.module';

/** `npm run admin -- <command> [options]`; `npm run admin -- --help` lists the commands. */
async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  loadConfig(process.env); // one line naming every bad setting, before anything connects
  await CommandFactory.run(AdminModule, {
    logger: ['error'],
    errorHandler: (error) => {
      console.error(error.message);
      process.exit(1);
    },
    serviceErrorHandler: (error) => {
      console.error(error.message);
      process.exit(1);
    },
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
