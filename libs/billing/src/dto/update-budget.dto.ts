import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, Max, Min, ValidateIf } from 'class-validator';

export const MAX_BUDGET = 1_000_000_000;

export class UpdateBudgetDto {
  @ApiProperty({
    nullable: true,
    description: 'Monthly limit in currency units (127.5) of what is charged after credits; null removes it',
    example: 500,
  })
  @ValidateIf((body: UpdateBudgetDto) => body.budgetLimit !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(MAX_BUDGET)
  budgetLimit: number | null;
}
