import { Module } from '@nestjs/common';
import { RecordsModule } from '@app/records';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({ imports: [RecordsModule], controllers: [HealthController], providers: [HealthService] })
export class HealthModule {}
