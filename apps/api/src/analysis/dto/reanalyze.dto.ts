import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ReanalyzeDto {
  @ApiPropertyOptional({
    description: "A scorecard of the organisation; without it, the record's current one",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  profileId?: string;
}
