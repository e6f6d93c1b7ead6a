import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** Longer than any call Parley accepts, so a typo of a few zeros is refused. */
const MAX_OFFSET_SECONDS = 86_400;

export class CreateAnnotationDto {
  @ApiProperty({ description: 'Offset in the call, in seconds', minimum: 0 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_OFFSET_SECONDS)
  startTime: number;

  @ApiPropertyOptional({ description: 'End of the annotated span, at or after startTime' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_OFFSET_SECONDS)
  endTime?: number;

  @ApiProperty({ minLength: 1, maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  text: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  category?: string;
}
