import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { PipelineModule } from '@app/pipeline';
import { RecordsModule } from '@app/records';
import { ImagicleOAuthController } from './imagicle-oauth.controller';
import { ImagicleRecordingsController } from './imagicle-recordings.controller';

@Module({
  imports: [RecordsModule, PipelineModule, IdentityModule],
  controllers: [ImagicleOAuthController, ImagicleRecordingsController],
})
export class ImagicleCompatModule {}
