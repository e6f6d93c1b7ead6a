import { Injectable } from '@nestjs/common';
import { PaginationQueryDto, TenantContext } from '@app/core';
import { RecordsService } from '../records.service';
import { tagNotFound } from '../records.errors';
import { TagsRepository } from './tags.repository';

@Injectable()
export class TagsService {
  constructor(
    private readonly tags: TagsRepository,
    private readonly records: RecordsService,
  ) {}

  async list(ctx: TenantContext, page: PaginationQueryDto) {
    const [rows, total, nextCursor] = await this.tags.findPage(ctx.orgId, {}, page, {
      order: { value: 'ASC' },
    });
    return [
      rows.map((tag) => ({ id: tag.id, value: tag.value, createdAt: tag.createdAt.toISOString() })),
      total,
      nextCursor,
    ] as const;
  }

  /** Tags a record, creating the organisation's tag on first use; tagging twice is harmless. */
  async addToRecord(ctx: TenantContext, recordId: string, value: string) {
    await this.records.findVisible(ctx, recordId);
    const tag = await this.tags.upsertByValue(ctx.orgId, value.trim());
    await this.tags.attach(ctx.orgId, recordId, tag.id);
    return { id: tag.id, value: tag.value };
  }

  async removeFromRecord(ctx: TenantContext, recordId: string, tagId: string): Promise<void> {
    await this.records.findVisible(ctx, recordId);
    if (!(await this.tags.detach(ctx.orgId, recordId, tagId))) throw tagNotFound();
  }
}
