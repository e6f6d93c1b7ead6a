import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class NoteDto {
  @ApiProperty()
  @IsString()
  @MaxLength(10_000)
  @Matches(/\S/, { message: 'noteText must not be blank' })
  noteText: string;
}
