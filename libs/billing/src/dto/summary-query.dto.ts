import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PERIOD_PATTERN } from '../period';

export class SummaryQueryDto {
  @ApiPropertyOptional({ description: 'Month (YYYY-MM, UTC); default: the current one', example: '2026-03' })
  @IsOptional()
  @Matches(PERIOD_PATTERN, { message: 'period must be YYYY-MM' })
  period?: string;
}
