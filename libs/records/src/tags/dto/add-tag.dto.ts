import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class AddTagDto {
  @ApiProperty({ example: 'billing' })
  @IsString()
  @MaxLength(64)
  @Matches(/\S/, { message: 'value must not be blank' })
  value: string;
}
