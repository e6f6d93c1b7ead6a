import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class IngestRecordDto {
  @ApiProperty()
  @Matches(/^prj_[0-9A-Z]{26}$/, { message: 'projectId must be a project id' })
  projectId: string;

  @ApiProperty({ example: 'https://pbx.example.com/recordings/123.mp3' })
  @IsString()
  @MaxLength(2048)
  @Matches(/^https?:\/\/\S+$/i, { message: 'audioUrl must be an http(s) URL' })
  audioUrl: string;

  @ApiPropertyOptional({ example: 'bitrix24' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9._-]{0,63}$/, {
    message: 'source must be 1-64 lowercase letters, digits, . _ or -',
  })
  source?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  externalId?: string;

  @ApiPropertyOptional({ description: 'same fields as the metadata of POST /records/upload' })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown>;
}
