import { Module } from '@nestjs/common';
import { BillingModule } from '@app/billing';
import { GenesysModule } from '@app/genesys';
import { IdentityModule } from '@app/identity';
import { RecordsModule } from '@app/records';
import { GenesysContactCentersController } from './genesys-contact-centers.controller';
import { GenesysInsertionController } from './genesys-insertion.controller';

@Module({
  imports: [GenesysModule, RecordsModule, IdentityModule, BillingModule],
  controllers: [GenesysInsertionController, GenesysContactCentersController],
})
export class GenesysCompatModule {}
