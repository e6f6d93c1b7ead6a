import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig, processMetrics, Public, unauthenticated } from '@app/core';
import { JobsService } from '@app/queue';

const same = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * GET /metrics in Prometheus text format (api.md "Operations and clients"), outside the API prefix as scrapers
 * expect; behind METRICS_TOKEN as a bearer token when it is set. Queue depths, records by status and webhook
 * deliveries by outcome are read at each scrape; the rest is counted as it happens.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get()
  async metrics(@Headers('authorization') authorization: string | undefined, @Res() response: Response) {
    const token = this.config.METRICS_TOKEN;
    if (token && !same(authorization ?? '', `Bearer ${token}`))
      throw unauthenticated('A metrics token is required');
    const metrics = processMetrics();
    await this.readGauges(metrics).catch(() => undefined); // a dependency being down must not hide the rest
    response.setHeader('Content-Type', metrics.registry.contentType);
    response.setHeader('Cache-Control', 'no-store');
    response.send(await metrics.registry.metrics());
  }

  private async readGauges(metrics: ReturnType<typeof processMetrics>): Promise<void> {
    const [queues, records, deliveries] = await Promise.all([
      this.jobs.counts(),
      this.dataSource.query(
        `SELECT processing_status AS status, count(*)::int AS n FROM records GROUP BY 1`,
      ) as Promise<Array<{ status: string; n: number }>>,
      this.dataSource.query(`SELECT status, count(*)::int AS n FROM deliveries GROUP BY 1`) as Promise<
        Array<{ status: string; n: number }>
      >,
    ]);
    metrics.queueDepth.reset();
    for (const [queue, counts] of Object.entries(queues))
      for (const [state, value] of Object.entries(counts))
        metrics.queueDepth.set({ queue, state }, Number(value));
    metrics.records.reset();
    for (const row of records) metrics.records.set({ status: row.status }, row.n);
    metrics.deliveries.reset();
    for (const row of deliveries) metrics.deliveries.set({ status: row.status }, row.n);
  }
}
