import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { AppConfig } from '@app/core';
import { PipelineService } from '@app/pipeline';
import { JobName, QueueJobItem, QueueName } from '@app/queue';
import { StageProcessor } from './stage-processor.base';

@Processor(QueueName.Analysis)
export class AnalysisProcessor extends StageProcessor {
  protected readonly stage = 'analysis' as const;
  protected readonly concurrency: number;

  constructor(pipeline: PipelineService, config: AppConfig) {
    super(pipeline);
    this.concurrency = config.ANALYSIS_CONCURRENCY;
  }

  protected run(job: Job): Promise<unknown> {
    const item = { name: job.name, data: job.data } as QueueJobItem<QueueName.Analysis>;
    switch (item.name) {
      case JobName.AnalyzeRecord:
        return this.pipeline.runAnalysis(item.data);
      default: {
        const unknown: never = item.name;
        throw new Error(`analysis queue cannot run job ${String(unknown)}`);
      }
    }
  }
}
