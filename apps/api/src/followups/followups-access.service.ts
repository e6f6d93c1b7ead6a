import { Injectable } from '@nestjs/common';
import { AppError, TenantContext, validationFailed } from '@app/core';
import {
  CreateFollowupDto,
  FollowupEntity,
  followupNotFound,
  FollowupsService,
  ListFollowupsQuery,
  UpdateFollowupDto,
} from '@app/followups';
import { UsersService } from '@app/identity';
import { RecordsService } from '@app/records';

/** The person behind a request (null for a service token): the history says who changed what. */
const personOf = (ctx: TenantContext) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/**
 * The follow-ups API over the follow-ups, records and identity contexts: a follow-up is visible exactly when its
 * record is (an agent sees only its own calls), and its owner must be a member of the organisation.
 */
@Injectable()
export class FollowupsAccessService {
  constructor(
    private readonly followups: FollowupsService,
    private readonly records: RecordsService,
    private readonly users: UsersService,
  ) {}

  list(ctx: TenantContext, query: ListFollowupsQuery) {
    return this.followups.list(ctx.orgId, query, this.records.visibleIdsSubquery(ctx));
  }

  async listForRecord(ctx: TenantContext, recordId: string, query: ListFollowupsQuery) {
    await this.records.findVisible(ctx, recordId);
    query.recordId = recordId;
    return this.followups.list(ctx.orgId, query, null);
  }

  async create(ctx: TenantContext, recordId: string, input: CreateFollowupDto): Promise<FollowupEntity> {
    const record = await this.records.findVisible(ctx, recordId);
    if (input.ownerId) await this.checkMember(ctx, input.ownerId);
    return this.followups.create(
      { orgId: ctx.orgId, id: record.id, projectId: record.projectId, ownerId: record.ownerId },
      personOf(ctx),
      input,
    );
  }

  async findVisible(ctx: TenantContext, id: string): Promise<FollowupEntity> {
    const followup = await this.followups.findOne(ctx.orgId, id);
    // The record's own 404 would name a record; the caller asked for a follow-up.
    await this.records.findVisible(ctx, followup.recordId).catch((error: unknown) => {
      throw error instanceof AppError && error.code === 'NOT_FOUND' ? followupNotFound() : error;
    });
    return followup;
  }

  async update(ctx: TenantContext, id: string, patch: UpdateFollowupDto): Promise<FollowupEntity> {
    await this.findVisible(ctx, id);
    if (patch.ownerId) await this.checkMember(ctx, patch.ownerId);
    return this.followups.update(ctx.orgId, id, personOf(ctx), patch);
  }

  private async checkMember(ctx: TenantContext, userId: string): Promise<void> {
    await this.users.get(ctx, userId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND')
        throw validationFailed('ownerId is not a member of this organisation', [
          { field: 'ownerId', message: 'is not a member of this organisation' },
        ]);
      throw error;
    });
  }
}
