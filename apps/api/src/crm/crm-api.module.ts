import { Module } from '@nestjs/common';
import { CrmModule } from '@app/crm';
import { RecordsModule } from '@app/records';
import { CrmController } from './crm.controller';

@Module({ imports: [CrmModule, RecordsModule], controllers: [CrmController] })
export class CrmApiModule {}
