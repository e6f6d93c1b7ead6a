import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { METRIC_NAMES, type MetricName } from '../../metrics/conversation-metrics';
import {
  CRITERION_SPEAKERS,
  METRIC_OPERATORS,
  type CriterionSpeaker,
  type MetricOperator,
} from '../../scorecard/profile';

/** Limits that keep one profile's scoring cheap on a one-hour call. */
export const PROFILE_LIMITS = { criteria: 50, phrases: 50, phraseLength: 200 } as const;

export class CriterionWindowDto {
  @ApiPropertyOptional({ description: 'Counts only within this many seconds from the start' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(86_400)
  fromStart?: number;

  @ApiPropertyOptional({
    description: 'Counts only within this many seconds before the end of the conversation',
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(86_400)
  beforeEnd?: number;
}

export class CriterionMetricDto {
  @ApiProperty({ enum: METRIC_NAMES })
  @IsIn(METRIC_NAMES)
  name: MetricName;

  @ApiProperty({ enum: METRIC_OPERATORS })
  @IsIn(METRIC_OPERATORS)
  operator: MetricOperator;

  @ApiProperty()
  @IsNumber()
  value: number;
}

export class CriterionDto {
  @ApiProperty({ example: 'greeting' })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'id must be 1-64 letters, digits, - or _' })
  id: string;

  @ApiProperty({ example: 'greeting' })
  @IsString()
  @Length(1, 64)
  category: string;

  @ApiProperty()
  @IsString()
  @Length(1, 500)
  description: string;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsNumber()
  @Min(0)
  @Max(100)
  weight: number;

  @ApiProperty()
  @IsBoolean()
  compliance: boolean;

  @ApiProperty({ enum: CRITERION_SPEAKERS })
  @IsIn(CRITERION_SPEAKERS)
  speaker: CriterionSpeaker;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PROFILE_LIMITS.phrases)
  @IsString({ each: true })
  @Length(1, PROFILE_LIMITS.phraseLength, { each: true })
  phrases?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PROFILE_LIMITS.phrases)
  @IsString({ each: true })
  @Length(1, PROFILE_LIMITS.phraseLength, { each: true })
  forbiddenPhrases?: string[];

  @ApiPropertyOptional({ type: CriterionWindowDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CriterionWindowDto)
  window?: CriterionWindowDto;

  @ApiPropertyOptional({ type: CriterionMetricDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CriterionMetricDto)
  metric?: CriterionMetricDto;

  @ApiPropertyOptional({ description: 'Coaching text shown when the criterion fails' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  improvement?: string;
}

export class CreateAnalysisProfileDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ type: [CriterionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PROFILE_LIMITS.criteria)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria: CriterionDto[];
}

export class UpdateAnalysisProfileDto extends PartialType(CreateAnalysisProfileDto) {}
