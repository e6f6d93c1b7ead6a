import { Injectable } from '@nestjs/common';
import { AppError, notFound, TenantContext } from '@app/core';
import { AnalysesService } from '@app/analysis';
import { RecordsService } from '@app/records';
import {
  formatTranscript,
  TRANSCRIPT_CONTENT_TYPES,
  TranscriptFormat,
  TranscriptsService,
} from '@app/transcription';

export interface TranscriptRequest {
  redacted: boolean;
  format?: TranscriptFormat;
}

/**
 * GET /records/:id/transcript: the newest transcript, each sentence with its sentiment from the newest analysis,
 * optionally PII-masked (the analysis keeps each sentence's redacted text), as JSON or txt/srt/vtt.
 */
@Injectable()
export class TranscriptViewService {
  constructor(
    private readonly records: RecordsService,
    private readonly transcripts: TranscriptsService,
    private readonly analyses: AnalysesService,
  ) {}

  async view(ctx: TenantContext, recordId: string, request: TranscriptRequest) {
    await this.records.findVisible(ctx, recordId);
    const transcript = await this.transcripts.latest(ctx.orgId, recordId);
    if (!transcript) throw notFound('Transcript');
    const analysis = await this.analyses.latestForRecord(ctx.orgId, recordId);
    if (request.redacted && !analysis)
      throw new AppError('CONFLICT', 'The redacted transcript exists once the record has been analysed');
    const insights = analysis?.sentences ?? [];
    const sentences = transcript.sentences.map((sentence, index) => ({
      speakerId: sentence.speakerId,
      startTime: sentence.startTime,
      endTime: sentence.endTime,
      text: request.redacted ? (insights[index]?.redactedText ?? sentence.text) : sentence.text,
      confidence: sentence.confidence,
      sentiment: insights[index]?.sentimentLabel ?? null,
    }));
    if (request.format) {
      return {
        contentType: TRANSCRIPT_CONTENT_TYPES[request.format],
        body: formatTranscript({ speakers: transcript.speakers, sentences }, request.format),
      };
    }
    return {
      json: {
        recordId,
        language: transcript.language,
        engine: transcript.engine,
        speakers: transcript.speakers,
        sentences,
        redacted: request.redacted,
      },
    };
  }
}
