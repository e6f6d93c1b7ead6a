import { Module } from '@nestjs/common';
import { FollowupsModule } from '@app/followups';
import { IdentityModule } from '@app/identity';
import { RecordsModule } from '@app/records';
import { FollowupsAccessService } from './followups-access.service';
import { FollowupsController } from './followups.controller';

/** The HTTP side of follow-ups. */
@Module({
  imports: [FollowupsModule, RecordsModule, IdentityModule],
  controllers: [FollowupsController],
  providers: [FollowupsAccessService],
})
export class FollowupsApiModule {}
