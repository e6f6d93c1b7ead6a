import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '@app/core';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** E.164-ish: a leading +, then 7-15 digits; spaces, dots, dashes and brackets between digits are tolerated. */
export const PHONE_PATTERN = /^\+?[0-9](?:[ .\-()]?[0-9]){6,14}$/;

export class CreateContactDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(100)
  firstName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(100)
  lastName?: string;

  @ApiPropertyOptional({ example: 'dana@example.com' })
  @IsOptional()
  @Transform(trimmed)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '+14155550100' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'phoneNumber must be an international number such as +14155550100' })
  phoneNumber?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(200)
  company?: string;
}

export class UpdateContactDto extends PartialType(CreateContactDto) {}

export class ListContactsQuery extends PaginationQueryDto {}
