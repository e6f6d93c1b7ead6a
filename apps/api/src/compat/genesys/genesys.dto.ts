import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { LenientInput } from '@app/core';

/** ISO 8601, with or without a zone (Genesys' own sample has none: read as UTC). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([zZ]|[+-]\d{2}:?\d{2})?$/;

@LenientInput()
export class GenesysMaskDto {
  @ApiProperty({ example: '2013-02-06T10:23:10.034Z' })
  @Matches(ISO_TIME, { message: 'masks[].time must be an ISO 8601 time' })
  time: string;

  @ApiProperty({ enum: ['paused', 'resume'] })
  @IsIn(['paused', 'resume'], { message: 'masks[].type must be paused or resume' })
  type: string;
}

@LenientInput()
export class GenesysMediaDescriptorDto {
  @ApiProperty({ enum: ['webDAV'] })
  @IsIn(['webDAV'], { message: 'mediaDescriptor.storage must be webDAV' })
  storage: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  storage_version?: string;

  @ApiProperty({ example: 'http://webdav.internal/calls/file1.mp3' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  path: string;
}

/** A Media File Descriptor of the insertion API (fields Parley does not use — tenant, pkcs7, … — are ignored). */
@LenientInput()
export class GenesysMediaFileDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  callUUID: string;

  @ApiProperty({ example: '2015-06-15T23:59:00.000' })
  @Matches(ISO_TIME, { message: 'mediaFiles[].startTime must be an ISO 8601 time' })
  startTime: string;

  @ApiProperty({ example: '2015-06-15T23:59:59.000' })
  @Matches(ISO_TIME, { message: 'mediaFiles[].stopTime must be an ISO 8601 time' })
  stopTime: string;

  @ApiPropertyOptional({ description: 'Unique per media file; defaults to callUUID and startTime' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  mediaId?: string;

  @ApiPropertyOptional({ example: 'audio/mp3' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  type?: string;

  @ApiPropertyOptional({ description: 'username (the agent), agentId, recordDN, dnis, ani, callUuid, id' })
  @IsOptional()
  @IsObject()
  parameters?: Record<string, unknown>;

  @ApiPropertyOptional({ type: [GenesysMaskDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => GenesysMaskDto)
  masks?: GenesysMaskDto[];

  @ApiProperty({ type: GenesysMediaDescriptorDto })
  @ValidateNested()
  @Type(() => GenesysMediaDescriptorDto)
  mediaDescriptor: GenesysMediaDescriptorDto;
}

/** The body of POST /internal-api/contact-centers/{id}/recordings, as the insertion API document defines it. */
@LenientInput()
export class GenesysRecordingDto {
  @ApiProperty({ example: 'alex-test-id' })
  @Matches(/^[A-Za-z0-9._:-]{1,200}$/, { message: 'id must be 1-200 letters, digits, . _ : or -' })
  id: string;

  @ApiProperty({ example: '+14160000000' })
  @Matches(/^\+?[0-9 ().-]{3,32}$/, { message: 'callerPhoneNumber must be a phone number' })
  callerPhoneNumber: string;

  @ApiProperty({ example: '+14161111111' })
  @Matches(/^\+?[0-9 ().-]{3,32}$/, { message: 'dialedPhoneNumber must be a phone number' })
  dialedPhoneNumber: string;

  @ApiProperty({ example: 'Can-West' })
  @IsString()
  @MaxLength(100)
  region: string;

  @ApiPropertyOptional({ enum: ['Internal', 'Inbound', 'Outbound', 'Consult', 'Unknown'] })
  @IsOptional()
  @IsIn(['Internal', 'Inbound', 'Outbound', 'Consult', 'Unknown'], {
    message: 'callType must be Internal, Inbound, Outbound, Consult or Unknown',
  })
  callType?: string;

  @ApiProperty({ type: [GenesysMediaFileDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => GenesysMediaFileDto)
  mediaFiles: GenesysMediaFileDto[];

  @ApiPropertyOptional({
    description: 'Joined / Left (with a contact) and Data (with eventId and data) events',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsObject({ each: true })
  eventHistory?: Array<Record<string, unknown>>;
}
