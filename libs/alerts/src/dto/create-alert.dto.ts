import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { ALERT_ACTIONS, AlertAction } from '../rules/alert-rule.entity';

export const MAX_ALERT_EMAILS = 20;

export class CreateAlertDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  // it becomes an email subject: no line breaks or other control characters
  @Matches(/^[^\p{Cc}]*$/u, { message: 'name must not contain control characters' })
  name: string;

  @ApiPropertyOptional({
    description: 'Only records of this project (prj_...); the whole organisation when absent',
  })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsString()
  projectId?: string | null;

  /** Checked by validateCondition, which names the bad path (`condition.all[1].operator`). */
  @ApiProperty({
    description: '{ field, operator, value } | { all: [conditions] } | { any: [conditions] }',
    example: { all: [{ field: 'sentiment', operator: 'eq', value: 'NEGATIVE' }] },
  })
  @IsDefined()
  condition: unknown;

  @ApiProperty({ enum: ALERT_ACTIONS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ALERT_ACTIONS, { each: true })
  actions: AlertAction[];

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_ALERT_EMAILS,
    description:
      "With the email action: who is mailed (default: the organisation's owners and admins when the alert fires)",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ALERT_EMAILS)
  @ArrayUnique()
  @MaxLength(254, { each: true })
  @IsEmail({}, { each: true })
  emails?: string[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateAlertDto extends PartialType(CreateAlertDto) {}
