import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RecordsModule } from '@app/records';
import { ContactCenterEntity } from './contact-center.entity';
import { ContactCentersRepository, ContactCentersService } from './contact-centers.service';

/** Genesys insertion: contact centers and their ops users (the HTTP side is the compatibility API). */
@Module({
  imports: [TypeOrmModule.forFeature([ContactCenterEntity]), RecordsModule],
  providers: [ContactCentersRepository, ContactCentersService],
  exports: [ContactCentersService],
})
export class GenesysModule {}
