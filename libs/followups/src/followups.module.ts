import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RecordExtensions, RecordsModule } from '@app/records';
import { WebhooksModule } from '@app/webhooks';
import { FollowupEntity } from './followup.entity';
import { FollowupsRepository } from './followups.repository';
import { FollowupsService } from './followups.service';

/** Follow-ups context: action items of calls, found by the analysis or added by people, and their history. */
@Module({
  imports: [TypeOrmModule.forFeature([FollowupEntity]), RecordsModule, WebhooksModule],
  providers: [FollowupsRepository, FollowupsService],
  exports: [FollowupsService],
})
export class FollowupsModule implements OnModuleInit {
  constructor(
    private readonly extensions: RecordExtensions,
    private readonly followups: FollowupsService,
  ) {}

  onModuleInit(): void {
    this.extensions.onRecordsDeleted('followups', (orgId, recordIds, manager) =>
      this.followups.deleteForRecords(orgId, recordIds, manager),
    );
  }
}
