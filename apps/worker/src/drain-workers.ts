import { INestApplicationContext, Logger, Type } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';

/**
 * Stops every BullMQ worker of the process from taking jobs and waits up to `graceMs` for the ones it holds. What
 * is still running then is handed back: the worker closes without finishing it, its lock lapses and another worker
 * takes the job again within about half a minute (lockDuration + stalledInterval of the processor), with no
 * reconciler involved. Connections close only after this.
 */
export async function drainWorkers(
  app: INestApplicationContext,
  processors: readonly Type<WorkerHost>[],
  graceMs: number,
): Promise<void> {
  const logger = new Logger('Shutdown');
  const workers = processors.map((processor) => app.get(processor, { strict: false }).worker);
  let timer: NodeJS.Timeout | undefined;
  const finished = await Promise.race([
    Promise.all(workers.map((worker) => worker.pause())).then(() => true),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
  ]);
  clearTimeout(timer);
  if (!finished)
    logger.warn(
      `Jobs still running after ${graceMs / 1000} s: handing them back to the queue for another worker`,
    );
  await Promise.all(workers.map((worker) => worker.close(!finished)));
}
