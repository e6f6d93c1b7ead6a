import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { PaginationQueryDto } from '@app/core';

export class UsageQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({
    description: 'Day (YYYY-MM-DD, UTC) or instant; default: start of the current month',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Day (inclusive) or instant; default: now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: ['day', 'project'], default: 'day' })
  @IsOptional()
  @IsIn(['day', 'project'])
  groupBy: 'day' | 'project' = 'day';
}
