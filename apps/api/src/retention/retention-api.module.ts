import { Module } from '@nestjs/common';
import { RecordsModule } from '@app/records';
import { RetentionModule } from '@app/retention';
import { RetentionPoliciesController } from './retention-policies.controller';

@Module({ imports: [RetentionModule, RecordsModule], controllers: [RetentionPoliciesController] })
export class RetentionApiModule {}
