import { Module } from '@nestjs/common';
import { CoreModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { TranscriptionModule } from '@app/transcription';

/** The transcription context on its own over the real database, before the pipeline wires it into the apps. */
@Module({ imports: [CoreModule, DatabaseModule, TranscriptionModule] })
export class TranscriptionTestModule {}
