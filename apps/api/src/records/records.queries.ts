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

  @ApiPropertyOptional({ description: 'Show a deleted record too (admin)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'includeDeleted must be true or false' })
  includeDeleted?: boolean;

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

export class AudioLinkDto {
  @ApiPropertyOptional({ description: 'A link to the copy with PII spans silenced' })
  @IsOptional()
  @IsBoolean({ message: 'redacted must be true or false' })
  redacted?: boolean;
}

export class ReprocessDto {
  @ApiPropertyOptional({ enum: ['transcribing', 'analyzing'] })
  @IsOptional()
  @IsIn(['transcribing', 'analyzing'])
  fromStage?: 'transcribing' | 'analyzing';
}

export class DeleteRecordQuery {
  @ApiPropertyOptional({
    description: 'Purge now, with every derived copy (admin); otherwise a restorable delete',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'permanent must be true or false' })
  permanent?: boolean;
}
