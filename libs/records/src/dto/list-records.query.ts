import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PaginationQueryDto } from '@app/core';
import { DIRECTIONS, PROCESSING_STATUSES } from '../record.entity';
import { FEATURE_NAMES, FEATURE_STATUSES } from '../lifecycle/features';

export const RECORD_SORTS = ['createdAt', 'date', 'duration', 'qualityScore'] as const;
export const SENTIMENTS = ['POSITIVE', 'NEUTRAL', 'NEGATIVE', 'ERROR'] as const;
const FEATURE_FILTER = new RegExp(`^(${FEATURE_NAMES.join('|')}):(${FEATURE_STATUSES.join('|')})$`);

export class ListRecordsQuery extends PaginationQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^prj_[0-9A-Z]{26}$/, { message: 'projectId must be a project id' })
  projectId?: string;

  @ApiPropertyOptional({ enum: PROCESSING_STATUSES })
  @IsOptional()
  @IsIn(PROCESSING_STATUSES)
  status?: (typeof PROCESSING_STATUSES)[number];

  @ApiPropertyOptional({ description: 'on `date`, inclusive' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'from must be an ISO 8601 date' })
  from?: Date;

  @ApiPropertyOptional({ description: 'on `date`, inclusive' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'to must be an ISO 8601 date' })
  to?: Date;

  @ApiPropertyOptional({ enum: DIRECTIONS })
  @IsOptional()
  @IsIn(DIRECTIONS)
  direction?: (typeof DIRECTIONS)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^usr_[0-9A-Z]{26}$/, { message: 'ownerId must be a user id' })
  ownerId?: string;

  @ApiPropertyOptional({ description: "A CRM customer's calls" })
  @IsOptional()
  @Matches(/^crm_[0-9A-Z]{26}$/, { message: 'crmCustomerId must be a CRM customer id (crm_...)' })
  crmCustomerId?: string;

  @ApiPropertyOptional({ description: 'a tag value or a tag id' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  tag?: string;

  @ApiPropertyOptional({ enum: SENTIMENTS })
  @IsOptional()
  @IsIn(SENTIMENTS)
  sentiment?: (typeof SENTIMENTS)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(100)
  minQualityScore?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(100)
  maxQualityScore?: number;

  @ApiPropertyOptional({
    description: 'records whose feature is in a status, `<feature>:<status>`, e.g. `summary:failed`',
    example: 'transcription:skipped',
  })
  @IsOptional()
  @Matches(FEATURE_FILTER, {
    message: `feature must be <feature>:<status> with a feature of ${FEATURE_NAMES.join(', ')} and a status of ${FEATURE_STATUSES.join(', ')}`,
  })
  feature?: string;

  @ApiPropertyOptional({ enum: RECORD_SORTS, default: 'createdAt' })
  @IsOptional()
  @IsIn(RECORD_SORTS)
  sort: (typeof RECORD_SORTS)[number] = 'createdAt';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'desc';

  /**
   * Keyset paging for cursor clients (Siro's list): only records after this one, newest first (sort createdAt, order
   * desc). Not read from a request (no validation decorator).
   */
  afterId?: string;
}
