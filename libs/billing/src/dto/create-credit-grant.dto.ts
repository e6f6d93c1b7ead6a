import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsNumber, Max, Min } from 'class-validator';

export const MAX_CREDIT_GRANT = 10_000_000;

export class CreateCreditGrantDto {
  @ApiProperty({ description: 'Credit in currency units (127.5)', example: 100 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(MAX_CREDIT_GRANT)
  amount: number;

  @ApiProperty({ description: 'When the unused rest expires (ISO 8601, future, at most 10 years ahead)' })
  @IsISO8601({ strict: true })
  expiresAt: string;
}
