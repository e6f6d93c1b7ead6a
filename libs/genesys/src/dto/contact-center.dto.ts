import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** A Genesys contact-center id as Parley accepts it (Genesys' are UUIDs). */
export const CONTACT_CENTER_ID = /^[A-Za-z0-9._-]{1,100}$/;

export class CreateContactCenterDto {
  @ApiProperty({
    example: '57c0b771-b57c-4ea8-8655-7ef6d3c58ccc',
    description: 'The Genesys contact-center id',
  })
  @Matches(CONTACT_CENTER_ID, { message: 'contactCenterId must be 1-100 letters, digits, . _ or -' })
  contactCenterId: string;

  @ApiProperty()
  @Matches(/^prj_[0-9A-Z]{26}$/, { message: 'projectId must be a project id' })
  projectId: string;

  @ApiProperty({ example: 'gir-ops' })
  @Matches(/^[^:\s]{1,100}$/, { message: 'opsUsername must be 1-100 characters without ":" or spaces' })
  opsUsername: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12, { message: 'opsPassword must be at least 12 characters' })
  @MaxLength(200)
  opsPassword: string;

  @ApiPropertyOptional({
    example: ['webdav.internal:8080'],
    description: 'WebDAV hosts on a private network its media may be fetched from (name or name:port)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/, {
    each: true,
    message: 'allowedStorageHosts must be host or host:port',
  })
  allowedStorageHosts?: string[];
}
