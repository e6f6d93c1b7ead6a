import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PaginationQueryDto } from '@app/core';
import { FOLLOWUP_STATUSES, type FollowupStatus } from '../followup-states';
import { FOLLOWUP_TYPES, type FollowupType } from '../followup-types';

const USER_ID = /^usr_[0-9A-Z]{26}$/;
const booleanText = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class CreateFollowupDto {
  @ApiProperty({ example: 'E-mail the return label' })
  @IsString()
  @Length(1, 1000)
  text: string;

  @ApiPropertyOptional({ enum: FOLLOWUP_TYPES, default: 'OTHER' })
  @IsOptional()
  @IsIn(FOLLOWUP_TYPES)
  type?: FollowupType;

  @ApiPropertyOptional({ description: 'ISO 8601 date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'dueAt must be an ISO 8601 date-time' })
  dueAt?: Date;

  @ApiPropertyOptional({ description: 'A member of the organisation; the record owner when absent' })
  @IsOptional()
  @Matches(USER_ID, { message: 'ownerId must be a user id' })
  ownerId?: string;
}

export class UpdateFollowupDto {
  @ApiPropertyOptional({ enum: FOLLOWUP_STATUSES })
  @IsOptional()
  @IsIn(FOLLOWUP_STATUSES)
  status?: FollowupStatus;

  @ApiPropertyOptional({ description: 'Appended to the history' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  starred?: boolean;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Matches(USER_ID, { message: 'ownerId must be a user id' })
  ownerId?: string;

  @ApiPropertyOptional({ description: 'ISO 8601 date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'dueAt must be an ISO 8601 date-time' })
  dueAt?: Date;
}

export class ListFollowupsQuery extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: FOLLOWUP_STATUSES })
  @IsOptional()
  @IsIn(FOLLOWUP_STATUSES)
  status?: FollowupStatus;

  @ApiPropertyOptional({ enum: FOLLOWUP_TYPES })
  @IsOptional()
  @IsIn(FOLLOWUP_TYPES)
  type?: FollowupType;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(USER_ID, { message: 'ownerId must be a user id' })
  ownerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^prj_[0-9A-Z]{26}$/, { message: 'projectId must be a project id (prj_...)' })
  projectId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^rec_[0-9A-Z]{26}$/, { message: 'recordId must be a record id (rec_...)' })
  recordId?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(booleanText)
  @IsBoolean({ message: 'starred must be true or false' })
  starred?: boolean;
}
