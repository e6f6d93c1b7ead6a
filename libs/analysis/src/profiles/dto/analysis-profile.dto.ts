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
  EVALUATION_COLORS,
  METRIC_OPERATORS,
  type CriterionSpeaker,
  type EvaluationColor,
  type MetricOperator,
} from '../../scorecard/profile';

/** Limits that keep one profile's scoring cheap on a one-hour call. */
export const PROFILE_LIMITS = { criteria: 50, phrases: 50, phraseLength: 200, sections: 20 } as const;

const phraseList = () => [
  IsOptional(),
  IsArray(),
  ArrayMinSize(1),
  ArrayMaxSize(PROFILE_LIMITS.phrases),
  IsString({ each: true }),
  Length(1, PROFILE_LIMITS.phraseLength, { each: true }),
];
const applyAll =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorator of decorators) decorator(target, key);
  };
/** An optional list of phrases (or examples): 1-50 strings of 1-200 characters. */
const PhraseList = () => applyAll(phraseList());

export class MetricRubricDto {
  @ApiProperty({ description: 'All points at or above this value (when also at or below maxTarget)' })
  @IsNumber()
  minTarget: number;

  @ApiProperty()
  @IsNumber()
  maxTarget: number;

  @ApiProperty({ description: 'Points fall linearly to 0 this far outside the target range' })
  @IsNumber()
  @Min(0)
  targetTolerance: number;
}

export class CriterionTriggerDto {
  @ApiProperty({ enum: CRITERION_SPEAKERS })
  @IsIn(CRITERION_SPEAKERS)
  speaker: CriterionSpeaker;

  @ApiPropertyOptional({ type: [String] })
  @PhraseList()
  phrases?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Utterances that mean the same count too' })
  @PhraseList()
  examples?: string[];
}

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

  @ApiPropertyOptional({ enum: METRIC_OPERATORS })
  @IsOptional()
  @IsIn(METRIC_OPERATORS)
  operator?: MetricOperator;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber()
  value?: number;

  @ApiPropertyOptional({
    type: MetricRubricDto,
    description: 'Partial points by distance from a target range',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => MetricRubricDto)
  rubric?: MetricRubricDto;
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

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1000,
    description: 'Points the criterion is worth; its weight when absent',
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1000)
  points?: number;

  @ApiProperty()
  @IsBoolean()
  compliance: boolean;

  @ApiProperty({ enum: CRITERION_SPEAKERS })
  @IsIn(CRITERION_SPEAKERS)
  speaker: CriterionSpeaker;

  @ApiPropertyOptional({ type: [String] })
  @PhraseList()
  phrases?: string[];

  @ApiPropertyOptional({
    type: [String],
    description: 'Example utterances: anything said that means the same meets the criterion',
  })
  @PhraseList()
  examples?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Exact wording only (never matched by meaning)' })
  @PhraseList()
  forbiddenPhrases?: string[];

  @ApiPropertyOptional({
    type: CriterionTriggerDto,
    description: 'The situation the criterion judges; not_applicable on calls where it never arises',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CriterionTriggerDto)
  appliesWhen?: CriterionTriggerDto;

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

export class ProfileSectionDto {
  @ApiProperty({ example: 'opening' })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'id must be 1-64 letters, digits, - or _' })
  id: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({
    minimum: 0,
    maximum: 100,
    description: "Share of the score; the sections' weights sum to 100",
  })
  @IsNumber()
  @Min(0)
  @Max(100)
  weight: number;

  @ApiProperty({ type: [CriterionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PROFILE_LIMITS.criteria)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria: CriterionDto[];
}

export class ColorBandDto {
  @ApiProperty({ enum: EVALUATION_COLORS })
  @IsIn(EVALUATION_COLORS)
  color: EvaluationColor;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsNumber()
  @Min(0)
  @Max(100)
  lowRange: number;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsNumber()
  @Min(0)
  @Max(100)
  highRange: number;
}

export class CreateAnalysisProfileDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ type: [CriterionDto], description: 'Criteria of a profile without sections' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PROFILE_LIMITS.criteria)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria?: CriterionDto[];

  @ApiPropertyOptional({ type: [ProfileSectionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PROFILE_LIMITS.sections)
  @ValidateNested({ each: true })
  @Type(() => ProfileSectionDto)
  sections?: ProfileSectionDto[];

  @ApiPropertyOptional({ type: [ColorBandDto], description: 'Colour bands of the 0-100 score' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ColorBandDto)
  colors?: ColorBandDto[];
}

export class UpdateAnalysisProfileDto extends PartialType(CreateAnalysisProfileDto) {}
