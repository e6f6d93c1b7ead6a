import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics (api.md "Operations and clients"). One registry per process: the API serves it at
 * /metrics; a worker process serves its own when WORKER_METRICS_PORT is set (start:local runs both in one process,
 * one registry). Labels are bounded: route templates and queue names, never ids.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'parley_http_requests_total',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'parley_http_request_duration_seconds',
    help: 'HTTP request latency by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly jobs = new Counter({
    name: 'parley_jobs_total',
    help: 'Jobs finished by queue and outcome (completed, failed)',
    labelNames: ['queue', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'parley_job_duration_seconds',
    help: 'Time from a job being taken to its end, by queue',
    labelNames: ['queue'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
    registers: [this.registry],
  });

  readonly realTimeFactor = new Histogram({
    name: 'parley_transcription_real_time_factor',
    help: 'Transcription time over audio duration, per call',
    buckets: [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2],
    registers: [this.registry],
  });

  readonly queueDepth = new Gauge({
    name: 'parley_queue_jobs',
    help: 'Jobs in each queue by state (read at scrape)',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  readonly records = new Gauge({
    name: 'parley_records',
    help: 'Records by processing status (read at scrape)',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  readonly deliveries = new Gauge({
    name: 'parley_webhook_deliveries',
    help: 'Webhook deliveries by outcome (read at scrape)',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  constructor() {
    // Memory, CPU, event-loop lag, handles: prom-client's process metrics.
    collectDefaultMetrics({ register: this.registry, prefix: 'parley_' });
  }
}

let shared: Metrics | undefined;
/** The process's one Metrics (prom-client's default metrics may be registered once per registry). */
export function processMetrics(): Metrics {
  shared ??= new Metrics();
  return shared;
}
