import { Module } from '@nestjs/common';
import { PrivacyModule } from '@app/privacy';
import { ErasureRequestsController } from './erasure-requests.controller';

@Module({ imports: [PrivacyModule], controllers: [ErasureRequestsController] })
export class PrivacyApiModule {}
