import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { PaginationQueryDto } from '@app/core';

export class ListAnalysesQuery extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Only analyses of records in this project' })
  @IsOptional()
  @IsString()
  @Matches(/^prj_[0-9A-Z]{26}$/, { message: 'projectId must be a project id (prj_...)' })
  projectId?: string;

  @ApiPropertyOptional({ description: 'Every version of this record, not only the newest' })
  @IsOptional()
  @IsString()
  @Matches(/^rec_[0-9A-Z]{26}$/, { message: 'recordId must be a record id (rec_...)' })
  recordId?: string;

  @ApiPropertyOptional({ enum: ['passed', 'failed'] })
  @IsOptional()
  @IsIn(['passed', 'failed'])
  complianceStatus?: 'passed' | 'failed';

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  minQualityScore?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  maxQualityScore?: number;

  @ApiPropertyOptional({ description: 'On createdAt, inclusive (ISO 8601)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'from must be an ISO 8601 date' })
  from?: Date;

  @ApiPropertyOptional({ description: 'On createdAt, inclusive (ISO 8601)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'to must be an ISO 8601 date' })
  to?: Date;
}
