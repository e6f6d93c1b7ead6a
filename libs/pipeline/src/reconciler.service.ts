import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { RecordLifecycleService, RecordProcessingService } from '@app/records';

const BATCH = 500;

/**
 * Re-drives records stuck in a stage longer than PIPELINE_STUCK_AFTER_SECONDS (URL ingests still waiting for their
 * download included), so a job lost with Redis is not a record lost. The job keeps the stage's deterministic id: one
 * still waiting or running is left alone, one that failed or completed (its attempts spent in an outage) is
 * replaced (RecordLifecycleService.redrive).
 */
@Injectable()
export class ReconcilerService {
  private readonly logger = new Logger(ReconcilerService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly processing: RecordProcessingService,
    private readonly lifecycle: RecordLifecycleService,
  ) {}

  async reconcile(): Promise<{ redriven: number }> {
    const stuck = await this.processing.findStuck(
      {
        waitingSeconds: this.config.PIPELINE_REQUEUE_AFTER_SECONDS,
        runningSeconds: this.config.PIPELINE_STUCK_AFTER_SECONDS,
      },
      BATCH,
    );
    let redriven = 0;
    for (const record of stuck) {
      if (!(await this.lifecycle.redrive(record))) continue;
      await this.processing.touch(record.orgId, record.id, record.pipelineVersion);
      redriven += 1;
    }
    if (redriven > 0) this.logger.warn(`Re-drove ${redriven} record(s) stuck in the pipeline`);
    return { redriven };
  }
}
