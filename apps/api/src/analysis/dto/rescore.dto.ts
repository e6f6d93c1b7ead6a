import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, Matches } from 'class-validator';

export class RescoreDto {
  @ApiProperty({ description: 'Calls dated at or after this time (ISO 8601)' })
  @Type(() => Date)
  @IsDate({ message: 'from must be an ISO 8601 date-time' })
  from: Date;

  @ApiProperty({ description: 'Calls dated at or before this time (ISO 8601)' })
  @Type(() => Date)
  @IsDate({ message: 'to must be an ISO 8601 date-time' })
  to: Date;

  @ApiPropertyOptional({ description: 'Only calls of this project' })
  @IsOptional()
  @Matches(/^prj_[0-9A-Z]{26}$/, { message: 'projectId must be a project id (prj_...)' })
  projectId?: string;
}
