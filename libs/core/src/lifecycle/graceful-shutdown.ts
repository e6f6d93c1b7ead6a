import { INestApplicationContext, Logger } from '@nestjs/common';

/**
 * On SIGTERM or SIGINT: stop taking work, let active jobs and requests finish (BullMQ workers close after their
 * active jobs), close connections, and exit 0. A second signal exits at once.
 */
export function closeGracefullyOnSignals(app: INestApplicationContext, name: string): void {
  const logger = new Logger(name);
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    logger.log(`${signal} received: finishing active work, then stopping`);
    app
      .close()
      .then(() => {
        logger.log('Stopped cleanly');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error(`Shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      });
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
