import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;
/** A page past this is refused (400): its offset would outgrow what the database counts in, long before data ends. */
export const MAX_PAGE = 1_000_000;

/** page/pageSize for every list; out of range is a 400, never a silent clamp (api.md). */
export class PaginationQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize: number = 20;

  @ApiPropertyOptional({
    description:
      "The previous page's meta.nextCursor: the page after it (keyset paging, whose cost does not grow with the list). page is then ignored.",
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,400}$/, { message: 'cursor must be a nextCursor this list gave out' })
  cursor?: string;

  get offset(): number {
    return (this.page - 1) * this.pageSize;
  }
}
