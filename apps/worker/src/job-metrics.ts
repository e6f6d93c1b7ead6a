import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { createServer, type Server } from 'node:http';
import { AppConfig, processMetrics } from '@app/core';
import { PROCESSOR_TYPES } from './processor-types';

/**
 * Counts every job a processor of this process finishes, by queue and outcome, with its duration; and, when
 * WORKER_METRICS_PORT is set, serves this process's metrics at /metrics on that port (the API serves its own).
 */
@Injectable()
export class JobMetrics implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobMetrics.name);
  private server?: Server;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const metrics = processMetrics();
    for (const type of PROCESSOR_TYPES) {
      const worker = this.moduleRef.get<WorkerHost>(type, { strict: false }).worker;
      const queue = worker.name;
      const finished = (outcome: 'completed' | 'failed') => (job: Job | undefined) => {
        metrics.jobs.inc({ queue, outcome });
        if (job?.processedOn && job.finishedOn)
          metrics.jobDuration.observe({ queue }, (job.finishedOn - job.processedOn) / 1000);
      };
      worker.on('completed', finished('completed'));
      worker.on('failed', finished('failed'));
    }
    const port = this.config.WORKER_METRICS_PORT;
    if (port) {
      this.server = createServer((request, response) => {
        if (request.url !== '/metrics') {
          response.writeHead(404).end();
          return;
        }
        void metrics.registry.metrics().then((text) => {
          response.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(text);
        });
      }).listen(port, this.config.HOST, () => this.logger.log(`Worker metrics on :${port}/metrics`));
    }
  }

  onApplicationShutdown(): void {
    this.server?.close();
  }
}
