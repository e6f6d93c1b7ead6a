import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PROFILE_LIMITS } from '../../profiles/dto/analysis-profile.dto';

export class ReviewedCriterionDto {
  @ApiProperty({ description: 'Id of a criterion of the analysis' })
  @IsString()
  @Length(1, 100)
  id: string;

  @ApiProperty()
  @IsBoolean()
  passed: boolean;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  comment?: string;
}

export class CreateReviewDto {
  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  score: number;

  @ApiPropertyOptional({ type: [ReviewedCriterionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PROFILE_LIMITS.criteria)
  @ValidateNested({ each: true })
  @Type(() => ReviewedCriterionDto)
  criteria?: ReviewedCriterionDto[];

  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @Length(1, 5000)
  comment: string;
}
