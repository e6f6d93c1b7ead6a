import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { RECORD_INCLUDES, RecordInclude } from '@app/records';

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class RecordQuery {
  @ApiPropertyOptional({ example: 'transcript,analysis,notes' })
  @IsOptional()
  @Matches(new RegExp(`^(${RECORD_INCLUDES.join('|')})(,(${RECORD_INCLUDES.join('|')}))*$`), {
    message: `include must be a comma-separated list of ${RECORD_INCLUDES.join(', ')}`,
  })
  include?: string;

  get includes(): RecordInclude[] {
    return [...new Set((this.include ?? '').split(',').filter(Boolean))] as RecordInclude[];
  }
}

export class AudioQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'redacted must be true or false' })
  redacted?: boolean;
}

export class ReprocessDto {
  @ApiPropertyOptional({ enum: ['transcribing', 'analyzing'] })
  @IsOptional()
  @IsIn(['transcribing', 'analyzing'])
  fromStage?: 'transcribing' | 'analyzing';
}
