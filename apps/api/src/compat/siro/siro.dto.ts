import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { LenientInput, MAX_PAGE_SIZE } from '@app/core';

const flag = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** The `include*` flags of GET /v1/core/recordings/{id}: each part is included unless its flag is `false`. */
@LenientInput()
export class SiroIncludeQuery {
  @ApiPropertyOptional({ description: 'Include photos (Parley keeps none: an empty list)' })
  @IsOptional()
  @Transform(flag)
  @IsBoolean()
  includePhotos?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(flag)
  @IsBoolean()
  includeCrmOpportunities?: boolean;

  @ApiPropertyOptional({ description: 'Parley keeps none: an empty list' })
  @IsOptional()
  @Transform(flag)
  @IsBoolean()
  includeMediaOpportunities?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(flag)
  @IsBoolean()
  includeEvaluation?: boolean;

  @ApiPropertyOptional({ description: 'Parley keeps none: an empty list' })
  @IsOptional()
  @Transform(flag)
  @IsBoolean()
  includeMultimediaEvents?: boolean;

  @ApiPropertyOptional({ description: 'Parley keeps none: an empty list' })
  @IsOptional()
  @Transform(flag)
  @IsBoolean()
  includeMobileEvents?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(flag)
  @IsBoolean()
  includeFollowups?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(flag)
  @IsBoolean()
  includeCrmAccounts?: boolean;
}

@LenientInput()
export class SiroListQuery extends SiroIncludeQuery {
  @ApiPropertyOptional({ description: 'The cursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 20;
}
