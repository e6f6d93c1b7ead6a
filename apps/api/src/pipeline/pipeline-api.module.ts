import { Module } from '@nestjs/common';
import { PipelineModule } from '@app/pipeline';
import { QueuesController } from './queues.controller';
import { TranscriptsController } from './transcripts.controller';

/** The pipeline in the API process: queue counts, and the record links (includes, deletion) it registers. */
@Module({ imports: [PipelineModule], controllers: [QueuesController, TranscriptsController] })
export class PipelineApiModule {}
