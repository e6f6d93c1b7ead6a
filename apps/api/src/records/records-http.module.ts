import { AuditModule } from '@app/audit';
import { Module } from '@nestjs/common';
import { RecordsModule } from '@app/records';
import { AudioLinksController } from './audio-links.controller';
import { AudioResponder } from './audio-responder';
import { ProjectsController } from './projects.controller';
import { RecordsController } from './records.controller';
import { TagsController } from './tags.controller';
import { TusController } from './tus.controller';
import { UploadsController } from './uploads.controller';

/** HTTP surface of the records context. */
@Module({
  imports: [RecordsModule, AuditModule],
  providers: [AudioResponder],
  controllers: [
    AudioLinksController,
    ProjectsController,
    RecordsController,
    TagsController,
    TusController,
    UploadsController,
  ],
})
export class RecordsHttpModule {}
