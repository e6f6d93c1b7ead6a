import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, Matches } from 'class-validator';

export class CreateErasureRequestDto {
  @ApiPropertyOptional({ example: '+1 555 010 4567', description: 'International form (E.164 is compared)' })
  @IsOptional()
  @IsString()
  @Length(3, 40)
  phoneNumber?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @Length(3, 320)
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^con_[0-9A-Z]{26}$/, { message: 'contactId must be a contact id (con_...)' })
  contactId?: string;

  @ApiPropertyOptional({ description: "The person's id in the system the calls came from" })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalId?: string;
}
