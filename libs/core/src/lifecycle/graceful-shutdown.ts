import { INestApplicationContext, Logger } from '@nestjs/common';

/** A second signal this soon after the first is the same keypress (a terminal signals the whole process group). */
const DUPLICATE_SIGNAL_MS = 500;

export interface ShutdownOptions {
  /**
   * Stops taking work and finishes (or hands back) what is held, before any connection closes: the worker drains
   * its BullMQ workers here, so no job fails on a closed connection.
   */
  beforeClose?: () => Promise<void>;
}

/**
 * On SIGTERM or SIGINT: stop taking work (beforeClose), then close the application (connections last), and exit 0.
 * A second signal exits at once; the same signal repeated within half a second (Ctrl-C reaching both
 * `start:local` and its child) is not a second one.
 */
export function closeGracefullyOnSignals(
  app: INestApplicationContext,
  name: string,
  options: ShutdownOptions = {},
): void {
  const logger = new Logger(name);
  let firstAt: number | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstAt !== null) {
      if (Date.now() - firstAt < DUPLICATE_SIGNAL_MS) return;
      logger.warn(`${signal} received again: exiting now`);
      process.exit(1);
    }
    firstAt = Date.now();
    logger.log(`${signal} received: finishing active work, then stopping (send it again to stop at once)`);
    (options.beforeClose ?? (async () => undefined))()
      .then(() => app.close())
      .then(() => {
        logger.log('Stopped cleanly');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error(`Shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
