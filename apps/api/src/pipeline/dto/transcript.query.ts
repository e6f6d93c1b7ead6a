import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { TRANSCRIPT_FORMATS, TranscriptFormat } from '@app/transcription';

export class TranscriptQueryDto {
  @ApiPropertyOptional({ enum: TRANSCRIPT_FORMATS, description: 'Plain text or subtitles instead of JSON' })
  @IsOptional()
  @IsIn(TRANSCRIPT_FORMATS)
  format?: TranscriptFormat;

  @ApiPropertyOptional({ description: 'PII spans replaced by their type' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  redacted?: boolean;
}
