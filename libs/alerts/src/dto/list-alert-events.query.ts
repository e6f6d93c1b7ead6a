import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { PaginationQueryDto } from '@app/core';

export class ListAlertEventsQuery extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'alr_...' })
  @IsOptional()
  @Matches(/^alr_[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'alertId must be an alert rule id (alr_...)' })
  alertId?: string;

  @ApiPropertyOptional({ description: 'rec_...' })
  @IsOptional()
  @Matches(/^rec_[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'recordId must be a record id (rec_...)' })
  recordId?: string;

  @ApiPropertyOptional({ description: 'Triggered at or after (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Triggered at or before (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
