import { ApiProperty, ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { LenientInput, PaginationQueryDto } from '@app/core';
import { AddTagDto, CreateUploadDto, NoteDto, UploadDetailsDto } from '@app/records';

/** POST /v1/recordings: the first step of an upload, in the main API's terms where they are the same. */
@LenientInput()
export class ImagicleUploadRequestDto extends IntersectionType(
  PickType(CreateUploadDto, ['fileName', 'contentType', 'sizeBytes'] as const),
  PickType(UploadDetailsDto, ['from', 'to', 'date', 'ownerId'] as const),
) {
  @ApiProperty({ description: 'Base64 MD5 of the bytes; the PUT sends it as content-md5' })
  @Matches(/^[A-Za-z0-9+/]{22}==$/, {
    message: 'contentMd5 must be the base64 MD5 of the file (24 characters)',
  })
  contentMd5: string;

  @ApiPropertyOptional({ enum: ['IN', 'OUT', 'UNKNOWN'] })
  @IsOptional()
  @IsIn(['IN', 'OUT', 'UNKNOWN'], { message: 'direction must be IN, OUT or UNKNOWN' })
  direction?: 'IN' | 'OUT' | 'UNKNOWN';

  @ApiPropertyOptional({ description: "Default: the organisation's first project" })
  @IsOptional()
  @IsString()
  projectId?: string;
}

@LenientInput()
export class ImagicleListQuery extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Calls on or after this time (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'dateFrom must be an ISO 8601 date' })
  dateFrom?: string;

  @ApiPropertyOptional({ description: 'Calls on or before this time (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'dateTo must be an ISO 8601 date' })
  dateTo?: string;

  @ApiPropertyOptional({ enum: ['IN', 'OUT'] })
  @IsOptional()
  @IsIn(['IN', 'OUT'], { message: 'direction must be IN or OUT' })
  direction?: 'IN' | 'OUT';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  ownerId?: string;

  @ApiPropertyOptional({ description: 'Calls with this tag value' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  tag?: string;
}

/** The main API's tag and note bodies, with the fields Imagicle clients add ignored. */
@LenientInput()
export class ImagicleTagDto extends AddTagDto {}

@LenientInput()
export class ImagicleNoteDto extends NoteDto {}
