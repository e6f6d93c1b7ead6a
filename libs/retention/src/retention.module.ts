import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { RecordsModule } from '@app/records';
import { WebhooksModule } from '@app/webhooks';
import { RetentionPolicyEntity } from './retention-policy.entity';
import { RetentionPoliciesRepository, RetentionPoliciesService } from './retention-policies.service';
import { RetentionRunner } from './retention-runner.service';

/** Retention context: how long recordings, transcripts and deleted records are kept, and the runs that apply it. */
@Module({
  imports: [TypeOrmModule.forFeature([RetentionPolicyEntity]), RecordsModule, AuditModule, WebhooksModule],
  providers: [RetentionPoliciesRepository, RetentionPoliciesService, RetentionRunner],
  exports: [RetentionPoliciesService, RetentionRunner],
})
export class RetentionModule {}
