export * from './job.catalogue';
export * from './jobs.service';
export * from './queue.module';
export * from './redis-options';
