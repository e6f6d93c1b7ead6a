import { AuditModule } from '@app/audit';
import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RecordExtensions, RecordsModule } from '@app/records';
import { TranscriptionModule } from '@app/transcription';
import { WebhooksModule } from '@app/webhooks';
import { ContactEntity } from './contacts/contact.entity';
import { ContactsRepository } from './contacts/contacts.repository';
import { ContactsService } from './contacts/contacts.service';
import { DefaultProjectsRepository } from './defaults/default-projects.repository';
import { TranscribeEntryEntity } from './transcribes/transcribe-entry.entity';
import { TranscribeEntity } from './transcribes/transcribe.entity';
import { TranscribeEntriesRepository } from './transcribes/transcribe-entries.repository';
import { TranscribesRepository } from './transcribes/transcribes.repository';
import { TranscribesService } from './transcribes/transcribes.service';

/** Transcribes context: contacts and typed conversations, each backed by a record of type `transcript`. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ContactEntity, TranscribeEntity, TranscribeEntryEntity]),
    RecordsModule,
    TranscriptionModule,
    WebhooksModule,
    AuditModule,
  ],
  providers: [
    ContactsRepository,
    TranscribesRepository,
    TranscribeEntriesRepository,
    DefaultProjectsRepository,
    ContactsService,
    TranscribesService,
  ],
  exports: [ContactsService, TranscribesService],
})
export class TranscribesModule implements OnModuleInit {
  constructor(
    private readonly extensions: RecordExtensions,
    private readonly transcribes: TranscribesService,
  ) {}

  onModuleInit(): void {
    this.extensions.registerSuppliedTranscripts(this.transcribes.suppliedTranscripts);
    // A purge removes the conversation for good; a delete hides it with its record, a restore brings it back.
    this.extensions.onRecordsDeleted('transcribes', (orgId, recordIds, manager) =>
      this.transcribes.purgeTranscribesOfRecords(orgId, recordIds, manager),
    );
    this.extensions.onRecordsHidden((orgId, recordIds, manager) =>
      this.transcribes.hideTranscribesOfRecords(orgId, recordIds, manager),
    );
    this.extensions.onRecordRestored((orgId, recordId, manager) =>
      this.transcribes.restoreTranscribeOfRecord(orgId, recordId, manager),
    );
  }
}
