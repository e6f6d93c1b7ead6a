import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { AppConfig } from '@app/core';
import { OutboxService, WebhooksModule } from '@app/webhooks';
import { RecordDeletionService } from './deletion/record-deletion.service';
import { NoteEntity } from './notes/note.entity';
import { NotesRepository } from './notes/notes.repository';
import { NotesService } from './notes/notes.service';
import { ProjectEntity } from './projects/project.entity';
import { ProjectsRepository } from './projects/projects.repository';
import { ProjectsService } from './projects/projects.service';
import { RecordProcessingService } from './pipeline/record-processing.service';
import { RecordLifecycleService } from './lifecycle/record-lifecycle.service';
import { RecordExtensions } from './record-extensions';
import { RecordEntity } from './record.entity';
import { RecordsRepository } from './records.repository';
import { RecordsService } from './records.service';
import { RecordIntakeService } from './intake/record-intake.service';
import { RecordAudioService } from './audio/record-audio.service';
import { storageDriverFor } from './storage/storage-driver.factory';
import { STORAGE_DRIVER } from './storage/storage-driver';
import { RecordTagEntity } from './tags/record-tag.entity';
import { TagEntity } from './tags/tag.entity';
import { TagsRepository } from './tags/tags.repository';
import { TagsService } from './tags/tags.service';
import { UploadSigner } from './uploads/upload-signer';
import { AudioLinksService } from './audio/audio-links.service';
import { UploadsService } from './uploads/uploads.service';
import { TusUploadsService } from './uploads/tus/tus-uploads.service';
import { IngestService } from './ingest/ingest.service';
import { ImportService } from './import/import.service';
import { AbandonedUploadsService } from './uploads/abandoned-uploads.service';
import { BucketUploadsService } from './uploads/bucket-uploads.service';

/** Records context: projects, records, storage, uploads, ingest, tags and notes. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ProjectEntity, RecordEntity, TagEntity, RecordTagEntity, NoteEntity]),
    WebhooksModule,
    AuditModule,
  ],
  providers: [
    {
      provide: STORAGE_DRIVER,
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => {
        const driver = storageDriverFor(config);
        // A bucket that is missing or refuses the credentials stops the process here, naming the bucket.
        await driver.checkReady();
        return driver;
      },
    },
    RecordExtensions,
    ProjectsRepository,
    RecordsRepository,
    TagsRepository,
    NotesRepository,
    RecordsService,
    RecordDeletionService,
    RecordIntakeService,
    RecordAudioService,
    AudioLinksService,
    RecordProcessingService,
    RecordLifecycleService,
    ProjectsService,
    TagsService,
    NotesService,
    UploadSigner,
    UploadsService,
    TusUploadsService,
    IngestService,
    ImportService,
    AbandonedUploadsService,
    BucketUploadsService,
  ],
  exports: [
    STORAGE_DRIVER,
    RecordExtensions,
    RecordsService,
    RecordDeletionService,
    RecordIntakeService,
    RecordAudioService,
    AudioLinksService,
    RecordProcessingService,
    RecordLifecycleService,
    ProjectsService,
    TagsService,
    NotesService,
    UploadsService,
    TusUploadsService,
    IngestService,
    ImportService,
    AbandonedUploadsService,
    BucketUploadsService,
  ],
})
export class RecordsModule implements OnModuleInit {
  constructor(
    private readonly extensions: RecordExtensions,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    // Events about a purged record that are still queued (or kept) go out, if at all, without its content.
    this.extensions.onRecordsDeleted('webhooks', (orgId, recordIds, manager) =>
      this.outbox.redactRecords(manager, orgId, recordIds),
    );
  }
}
