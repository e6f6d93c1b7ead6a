import { LenientInput } from '@app/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, IsArray, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const RECHAT_MAX_LIMIT = 100;
/** Any UUID layout (Parley's ids in UUID form carry no version bits). */
const UUID_FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class RechatUtteranceDto {
  @ApiProperty({ example: 3.5, description: 'Seconds from the start of the conversation' })
  timestamp: number;

  @ApiProperty({ example: 'Agent' })
  author: string;

  @ApiProperty({ example: 'Hi, how can I help you?' })
  text: string;
}

@LenientInput()
export class RechatCreateTranscribeDto {
  @ApiProperty({ format: 'uuid', description: 'The contact the conversation was with' })
  @Matches(UUID_FORMAT, { message: 'contact must be a UUID' })
  contact: string;

  /** Checked entry by entry by the transcribes service, which names a bad one (contents[2].text). */
  @ApiProperty({ type: [RechatUtteranceDto] })
  @IsArray({ message: 'contents must be an array (it may be empty)' })
  @Allow()
  contents: unknown[];
}

@LenientInput()
export class RechatAssociationsQuery {
  @ApiPropertyOptional({
    example: 'transcribe.contact,transcribe.entries',
    description: 'transcribe.contact inlines the contact; entries are always included',
  })
  @IsOptional()
  @IsString()
  associations?: string;
}

export class RechatListTranscribesQuery extends RechatAssociationsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the transcribes of this contact' })
  @IsOptional()
  @Matches(UUID_FORMAT, { message: 'contact must be a UUID' })
  contact?: string;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  start: number = 0;

  @ApiPropertyOptional({ minimum: 1, maximum: RECHAT_MAX_LIMIT, default: RECHAT_MAX_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(RECHAT_MAX_LIMIT)
  limit: number = RECHAT_MAX_LIMIT;
}

/** `associations` as a set of names; Rechat clients ask for several at once, comma-separated. */
export const associationsOf = (query: RechatAssociationsQuery): Set<string> =>
  new Set((query.associations ?? '').split(',').map((name) => name.trim()));
