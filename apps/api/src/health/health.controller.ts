import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppError, envelope, Public } from '@app/core';
import { HealthService } from './health.service';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live() {
    return envelope({ status: 'ok' });
  }

  @Get('ready')
  @HttpCode(200)
  @ApiOperation({ summary: 'Readiness: PostgreSQL, Redis and storage answer; queue depths' })
  async ready(@Res({ passthrough: true }) response: Response) {
    const readiness = await this.health.readiness();
    if (!readiness.ready) {
      const failing = Object.entries(readiness.checks).filter(([, check]) => !check.ok);
      response.setHeader('Retry-After', '5');
      throw new AppError(
        'INTERNAL',
        `Not ready: ${failing.map(([name]) => name).join(', ')} unavailable`,
        failing.map(([name, check]) => ({ field: name, message: check.error ?? 'unavailable' })),
        {},
        503,
      );
    }
    return envelope({ status: 'ready', checks: readiness.checks, queues: readiness.queues });
  }
}
