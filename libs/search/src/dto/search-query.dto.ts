import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsDate,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { SEARCH_ENTRY_KINDS, SearchEntryKind } from '../search-entry.types';

export const MAX_SEARCH_LIMIT = 100;
export const MAX_QUERY_LENGTH = 500;

export class SearchQueryDto {
  @ApiProperty({
    description:
      'websearch syntax: words (stemmed), "quoted phrases", OR between alternatives, -word to exclude',
    maxLength: MAX_QUERY_LENGTH,
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'q must be a string' })
  @IsNotEmpty({ message: 'q must not be empty' })
  @MaxLength(MAX_QUERY_LENGTH)
  q: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^prj_[0-9A-Z]{26}$/, { message: 'projectId must be a project id' })
  projectId?: string;

  @ApiPropertyOptional({ enum: SEARCH_ENTRY_KINDS })
  @IsOptional()
  @IsIn(SEARCH_ENTRY_KINDS)
  type?: SearchEntryKind;

  @ApiPropertyOptional({ description: "on the record's date, inclusive" })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'from must be an ISO 8601 date' })
  from?: Date;

  @ApiPropertyOptional({
    description: "on the record's date, inclusive (a day without a time: the whole day)",
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'to must be an ISO 8601 date' })
  to?: Date;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SEARCH_LIMIT, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SEARCH_LIMIT)
  limit: number = 10;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  page: number = 1;
}
