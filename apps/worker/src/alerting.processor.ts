import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { AlertEmailsService } from '@app/alerts';
import { AppConfig } from '@app/core';
import { PipelineService } from '@app/pipeline';
import { JobName, QueueJobItem, QueueName } from '@app/queue';
import { StageProcessor } from './stage-processor.base';

@Processor(QueueName.Alerting)
export class AlertingProcessor extends StageProcessor {
  protected readonly stage = 'alerting' as const;
  protected readonly concurrency: number;

  constructor(
    pipeline: PipelineService,
    config: AppConfig,
    private readonly alertEmails: AlertEmailsService,
  ) {
    super(pipeline);
    this.concurrency = config.ALERTING_CONCURRENCY;
  }

  protected run(job: Job): Promise<unknown> {
    const item = { name: job.name, data: job.data } as QueueJobItem<QueueName.Alerting>;
    switch (item.name) {
      case JobName.EvaluateAlerts:
        return this.pipeline.runAlerting(item.data);
      case JobName.SendAlertEmail:
        return this.alertEmails.send(item.data);
      default: {
        const unknown: never = item;
        throw new Error(`alerting queue cannot run job ${JSON.stringify(unknown)}`);
      }
    }
  }

  override async onFailed(job: Job | undefined, error: Error): Promise<void> {
    // An email that keeps failing is the email's problem, not the record's.
    if (job?.name === JobName.SendAlertEmail) return;
    await super.onFailed(job, error);
  }
}
