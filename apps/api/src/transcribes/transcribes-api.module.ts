import { Module } from '@nestjs/common';
import { TranscribesModule } from '@app/transcribes';
import { ContactsController } from './contacts.controller';
import { TranscribesController } from './transcribes.controller';

/** The HTTP side of transcribes: contacts CRUD and typed conversations. */
@Module({
  imports: [TranscribesModule],
  controllers: [ContactsController, TranscribesController],
})
export class TranscribesApiModule {}
