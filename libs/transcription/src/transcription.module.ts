import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TranscriptionEngines } from './engines/transcription-engines';
import { Transcript } from './transcripts/transcript.entity';
import { TranscriptsRepository } from './transcripts/transcripts.repository';
import { TranscriptsService } from './transcripts/transcripts.service';
import { TranscriptionService } from './transcription.service';

/** Audio preparation, speech-to-text engines and transcript storage. */
@Module({
  imports: [TypeOrmModule.forFeature([Transcript])],
  providers: [TranscriptionEngines, TranscriptionService, TranscriptsRepository, TranscriptsService],
  exports: [TranscriptionEngines, TranscriptionService, TranscriptsService],
})
export class TranscriptionModule {}
