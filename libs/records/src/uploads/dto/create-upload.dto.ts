import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';

export class CreateUploadDto {
  @ApiProperty()
  @Matches(/^prj_[0-9A-Z]{26}$/, { message: 'projectId must be a project id' })
  projectId: string;

  @ApiProperty({ example: 'call-0042.wav' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  fileName: string;

  @ApiProperty({ example: 'audio/wav' })
  @IsString()
  @MaxLength(100)
  contentType: string;

  @ApiProperty()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  sizeBytes: number;

  @ApiPropertyOptional({
    example: 'rL0Y20zC+Fzt72VPzMSk2A==',
    description: 'Base64 MD5 of the bytes: the PUT must send it as Content-MD5, and the bytes must match it',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{22}==$/, {
    message: 'contentMd5 must be the base64 MD5 of the file (24 characters)',
  })
  contentMd5?: string;

  @ApiPropertyOptional({ description: 'same fields as the metadata of POST /records/upload' })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown>;
}

export class SignedUploadQuery {
  @Matches(/^org_[0-9A-Z]{26}$/)
  org: string;

  @Matches(/^rec_[0-9A-Z]{26}$/)
  record: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  size: number;

  @Type(() => Number)
  @IsInt()
  expires: number;

  @IsString()
  @MaxLength(100)
  signature: string;
}
