import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { AppConfig } from '@app/core';
import { PipelineService } from '@app/pipeline';
import { JobName, QueueJobItem, QueueName } from '@app/queue';
import { StageProcessor } from './stage-processor.base';

/**
 * Recognition runs in child processes, so the lock is renewed on time; a shorter lock lets a job whose worker died
 * (kill -9, lost machine) be picked up again within about half a minute.
 */
@Processor(QueueName.Transcription, { lockDuration: 20_000, stalledInterval: 10_000 })
export class TranscriptionProcessor extends StageProcessor {
  protected readonly stage = 'transcription' as const;
  protected readonly concurrency: number;

  constructor(pipeline: PipelineService, config: AppConfig) {
    super(pipeline);
    this.concurrency = config.TRANSCRIPTION_CONCURRENCY;
  }

  protected run(job: Job): Promise<unknown> {
    const item = { name: job.name, data: job.data } as QueueJobItem<QueueName.Transcription>;
    switch (item.name) {
      case JobName.TranscribeRecord:
        return this.pipeline.runTranscription(item.data);
      default: {
        const unknown: never = item.name;
        throw new Error(`transcription queue cannot run job ${String(unknown)}`);
      }
    }
  }
}
