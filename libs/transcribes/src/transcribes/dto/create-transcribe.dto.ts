import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsOptional, Matches } from 'class-validator';
import { PaginationQueryDto } from '@app/core';

export class TranscribeEntryDto {
  @ApiProperty({
    description: 'Seconds from the start of the conversation; not earlier than the entry before',
  })
  timestamp: number;

  @ApiProperty({ example: 'Agent' })
  author: string;

  @ApiProperty()
  text: string;
}

export class CreateTranscribeDto {
  @ApiProperty({ example: 'con_01J...' })
  @Matches(/^con_[0-9A-Z]{26}$/, { message: 'contact must be a contact id' })
  contact: string;

  @ApiPropertyOptional({ description: 'Defaults to the organisation\'s "Transcribes" project' })
  @IsOptional()
  @Matches(/^prj_[0-9A-Z]{26}$/, { message: 'projectId must be a project id' })
  projectId?: string;

  /** Checked entry by entry in the service, so a bad entry is named by its index (contents[3].timestamp). */
  @ApiProperty({ type: [TranscribeEntryDto] })
  @Allow()
  contents: unknown;
}

export class ListTranscribesQuery extends PaginationQueryDto {
  @ApiPropertyOptional({ example: 'con_01J...' })
  @IsOptional()
  @Matches(/^con_[0-9A-Z]{26}$/, { message: 'contact must be a contact id' })
  contact?: string;

  /** Rows to skip instead of whole pages (Rechat's `start`); not read from a request (no validation decorator). */
  skip?: number;
}

export const TRANSCRIBE_ASSOCIATIONS = ['transcribe.contact'] as const;

export class GetTranscribeQuery {
  @ApiPropertyOptional({ enum: TRANSCRIBE_ASSOCIATIONS })
  @IsOptional()
  @Matches(/^transcribe\.contact$/, { message: 'associations must be transcribe.contact' })
  associations?: string;
}
