import { Module } from '@nestjs/common';
import { BillingModule } from '@app/billing';
import { BillingController } from './billing.controller';

@Module({
  imports: [BillingModule],
  controllers: [BillingController],
})
export class BillingApiModule {}
