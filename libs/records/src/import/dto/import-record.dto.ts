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
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export const MEDIA_STORAGES = ['webDAV', 'local'] as const;

/**
 * Genesys times are ISO 8601 strings (one without a zone is read as UTC, as Genesys' own sample sends them); plain
 * seconds from the start of the media are accepted too.
 */
const TIME = /^(\d{4}-\d{2}-\d{2}T[\d:.]+([zZ]|[+-]\d{2}:?\d{2})?|\d+(\.\d+)?)$/;

export class MediaDescriptorDto {
  @ApiProperty({ enum: MEDIA_STORAGES })
  @IsIn(MEDIA_STORAGES)
  storage: (typeof MEDIA_STORAGES)[number];

  @ApiProperty({ description: 'http(s) URL for webDAV, a path under IMPORT_ROOT for local' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  path: string;
}

/**
 * A masked stretch of a media file: a span `{ startTime, stopTime }`, or Genesys' points `{ time, type }` where a
 * `paused` point starts a mask and the next `resume` ends it.
 */
export class MediaMaskDto {
  @ApiPropertyOptional({ description: 'With stopTime: the span masked' })
  @ValidateIf((mask: MediaMaskDto) => mask.time === undefined)
  @Matches(TIME, { message: 'startTime must be an ISO 8601 time or seconds' })
  startTime?: string;

  @ApiPropertyOptional()
  @ValidateIf((mask: MediaMaskDto) => mask.time === undefined)
  @Matches(TIME, { message: 'stopTime must be an ISO 8601 time or seconds' })
  stopTime?: string;

  @ApiPropertyOptional({ description: 'With type paused or resume: a point where masking starts or ends' })
  @IsOptional()
  @Matches(TIME, { message: 'time must be an ISO 8601 time' })
  time?: string;

  @ApiPropertyOptional({ enum: ['paused', 'resume'] })
  @ValidateIf((mask: MediaMaskDto) => mask.time !== undefined)
  @IsIn(['paused', 'resume'], { message: 'type must be paused or resume' })
  @IsString()
  @MaxLength(64)
  type?: string;
}

export class MediaFileDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  mediaId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(TIME, { message: 'startTime must be an ISO 8601 time or seconds' })
  startTime?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(TIME, { message: 'stopTime must be an ISO 8601 time or seconds' })
  stopTime?: string;

  @ApiPropertyOptional({ example: 'audio' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  type?: string;

  @ApiProperty({ type: MediaDescriptorDto })
  @ValidateNested()
  @Type(() => MediaDescriptorDto)
  mediaDescriptor: MediaDescriptorDto;

  @ApiPropertyOptional({ type: [MediaMaskDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => MediaMaskDto)
  masks?: MediaMaskDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  parameters?: Record<string, unknown>;
}

/** Genesys-style insertion of a call (api.md "POST /records/import"). */
export class ImportRecordDto {
  @ApiProperty({ example: 'alex-test-id' })
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,200}$/, { message: 'id must be 1-200 letters, digits, . _ : or -' })
  id: string;

  @ApiProperty()
  @Matches(/^prj_[0-9A-Z]{26}$/, { message: 'projectId must be a project id' })
  projectId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\+?[0-9 ().-]{3,32}$/, { message: 'callerPhoneNumber must be a phone number' })
  callerPhoneNumber?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\+?[0-9 ().-]{3,32}$/, { message: 'dialedPhoneNumber must be a phone number' })
  dialedPhoneNumber?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string;

  @ApiPropertyOptional({ example: 'inbound' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  callType?: string;

  @ApiProperty({ type: [MediaFileDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => MediaFileDto)
  mediaFiles: MediaFileDto[];

  @ApiPropertyOptional({ description: 'Genesys events (occurredAt, event: Joined | Left | Data, ...)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsObject({ each: true })
  eventHistory?: Array<Record<string, unknown>>;

  @ApiPropertyOptional({
    description:
      "The call's transcript when the recording system has one: WebVTT or SRT text, or utterances " +
      '[{ timestamp, author, text }]. Recognition is then skipped, as for an upload with a transcript.',
  })
  @IsOptional()
  transcript?: string | Array<Record<string, unknown>>;
}
