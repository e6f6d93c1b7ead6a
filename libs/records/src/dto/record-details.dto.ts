import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { MaxJsonBytes } from '@app/core';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
  IsBoolean,
} from 'class-validator';
import { DIRECTIONS } from '../record.entity';

const PHONE = /^\+?[0-9 ().-]{3,32}$/;

export class PartyDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  fullName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(PHONE, { message: 'phoneNumber must be a phone number' })
  phoneNumber?: string;
}

/** Describing fields of a call, shared by every path that creates or edits one. */
export class RecordDetailsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ enum: DIRECTIONS })
  @IsOptional()
  @IsIn(DIRECTIONS)
  direction?: (typeof DIRECTIONS)[number];

  @ApiPropertyOptional({ type: PartyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PartyDto)
  from?: PartyDto;

  @ApiPropertyOptional({ type: PartyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PartyDto)
  to?: PartyDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  agentName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(16)
  language?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^usr_[0-9A-Z]{26}$/, { message: 'ownerId must be a user id' })
  ownerId?: string;

  @ApiPropertyOptional({ description: 'free-form keys kept on the record (at most 16 KB as JSON)' })
  @IsOptional()
  @IsObject()
  @MaxJsonBytes(16 * 1024)
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'Place or lift a legal hold (admin): a held record cannot be deleted or purged',
  })
  @IsOptional()
  @IsBoolean()
  legalHold?: boolean;

  @ApiPropertyOptional({
    nullable: true,
    description: 'Link the call to a CRM customer by hand (MANUAL); null unlinks',
  })
  @IsOptional()
  @Matches(/^crm_[0-9A-Z]{26}$/, { message: 'crmCustomerId must be a CRM customer id (crm_...)' })
  crmCustomerId?: string | null;
}

/** The `metadata` JSON of an upload: the describing fields plus creation-only ones; extra keys go to `metadata`. */
export class UploadDetailsDto extends RecordDetailsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(PHONE, { message: 'customerPhone must be a phone number' })
  customerPhone?: string;

  @ApiPropertyOptional({ description: 'ISO 8601 time the call took place' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'date must be an ISO 8601 date' })
  date?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  externalId?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  tags?: string[];
}

export const UPLOAD_DETAIL_KEYS = new Set([
  'title',
  'direction',
  'from',
  'to',
  'agentName',
  'language',
  'ownerId',
  'metadata',
  'customerPhone',
  'date',
  'externalId',
  'tags',
]);
