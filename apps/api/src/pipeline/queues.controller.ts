import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, envelope } from '@app/core';
import { JobsService } from '@app/queue';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('queues')
export class QueuesController {
  constructor(private readonly jobs: JobsService) {}

  @Get()
  @Access({ role: 'admin' })
  @ApiOperation({ summary: 'Per stage: waiting, active, delayed, failed and completed job counts' })
  async counts() {
    const counts = await this.jobs.counts();
    return envelope(
      Object.entries(counts).map(([queue, c]) => ({
        queue,
        waiting: c.waiting,
        active: c.active,
        delayed: c.delayed,
        failed: c.failed,
        completed: c.completed,
      })),
    );
  }
}
