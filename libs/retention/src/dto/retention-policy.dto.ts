import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

const days = (what: string) =>
  ApiPropertyOptional({
    minimum: 0,
    maximum: 36_500,
    description: `Days after the call's date before ${what}`,
  });

export class CreateRetentionPolicyDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ description: 'Only records of this project' })
  @IsOptional()
  @Matches(/^prj_[0-9A-Z]{26}$/, { message: 'projectId must be a project id (prj_...)' })
  projectId?: string;

  @ApiPropertyOptional({ description: 'Only records with this tag (case-insensitive)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  tag?: string;

  @days('the audio is deleted (the record keeps its transcript and analysis)')
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(36_500)
  deleteAudioAfterDays?: number;

  @days('the transcript is deleted (with its search entries)')
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(36_500)
  deleteTranscriptAfterDays?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 36_500,
    description: 'Days after a delete before the record is purged',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(36_500)
  purgeDeletedAfterDays?: number;
}

/** As create, every field optional; `projectId: null` or `tag: null` widens the policy again. */
export class UpdateRetentionPolicyDto extends PartialType(
  OmitType(CreateRetentionPolicyDto, ['projectId', 'tag'] as const),
) {
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Matches(/^prj_[0-9A-Z]{26}$/, { message: 'projectId must be a project id (prj_...)' })
  projectId?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  tag?: string | null;
}
