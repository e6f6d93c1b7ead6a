import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { CrmModule } from '@app/crm';
import { RecordsModule } from '@app/records';
import { TranscribesModule } from '@app/transcribes';
import { WebhooksModule } from '@app/webhooks';
import { ErasureRequestEntity } from './erasure-request.entity';
import { ErasureRequestsRepository, ErasureService } from './erasure.service';

/** Privacy context: erasure of a person across every call, conversation and contact that mentions them. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ErasureRequestEntity]),
    RecordsModule,
    TranscribesModule,
    AuditModule,
    WebhooksModule,
    CrmModule,
  ],
  providers: [ErasureRequestsRepository, ErasureService],
  exports: [ErasureService],
})
export class PrivacyModule {}
