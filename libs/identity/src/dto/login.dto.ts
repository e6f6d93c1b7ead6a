import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX } from './password-rules';

/** No format rules beyond bounds: a login must not tell "malformed" from "wrong". */
export class LoginDto {
  @ApiProperty({ example: 'ana@example.com' })
  @IsString()
  @MinLength(1)
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX)
  password: string;
}
