import { Injectable, OnModuleInit } from '@nestjs/common';
import { AnalysesService, presentAnalysis } from '@app/analysis';
import { RecordExtensions } from '@app/records';
import { SearchService } from '@app/search';
import { TranscriptsService } from '@app/transcription';

/**
 * Hangs the pipeline's products on a record: GET /records/:id?include=transcript,analysis shows them, and deleting
 * a record deletes them in the same transaction. Registered here because the records context must not depend on
 * the contexts that depend on it.
 */
@Injectable()
export class RecordLinks implements OnModuleInit {
  constructor(
    private readonly extensions: RecordExtensions,
    private readonly transcripts: TranscriptsService,
    private readonly analyses: AnalysesService,
    private readonly search: SearchService,
  ) {}

  onModuleInit(): void {
    this.extensions.registerInclude('transcript', async (orgId, recordId) => {
      const transcript = await this.transcripts.latest(orgId, recordId);
      return transcript
        ? {
            language: transcript.language,
            engine: transcript.engine,
            speakers: transcript.speakers,
            sentences: transcript.sentences,
          }
        : null;
    });
    this.extensions.registerInclude('analysis', async (orgId, recordId) => {
      const analysis = await this.analyses.latestForRecord(orgId, recordId);
      return analysis ? presentAnalysis(analysis) : null;
    });
    this.extensions.onTranscriptsExpired(async (orgId, recordIds, manager) => {
      for (const recordId of recordIds) await this.transcripts.deleteForRecord(orgId, recordId, manager);
      await this.analyses.forgetSentences(manager, orgId, recordIds);
      await this.search.removeTranscripts(manager, orgId, recordIds);
    });
    this.extensions.onRecordsDeleted('pipeline', async (orgId, recordIds, manager) => {
      for (const recordId of recordIds) await this.transcripts.deleteForRecord(orgId, recordId, manager);
      await this.analyses.deleteForRecords(orgId, recordIds, manager);
    });
  }
}
