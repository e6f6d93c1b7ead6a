import { Module } from '@nestjs/common';
import { TranscribesModule } from '@app/transcribes';
import { RechatTranscribesController } from './rechat.controller';

@Module({ imports: [TranscribesModule], controllers: [RechatTranscribesController] })
export class RechatCompatModule {}
