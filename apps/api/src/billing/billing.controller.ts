import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Access,
  envelope,
  listEnvelope,
  PaginationQueryDto,
  ParseIdPipe,
  Tenant,
  TenantContext,
} from '@app/core';
import {
  BillingService,
  CreateCreditGrantDto,
  organizationNotFound,
  SummaryQueryDto,
  UpdateBudgetDto,
  UsageQueryDto,
} from '@app/billing';

const OrgIdPipe = new ParseIdPipe('org', 'Organization');

/** `:orgId` must be the caller's own organisation; any other answers 404, like one that does not exist. */
function ownOrganization(context: TenantContext, orgId: string): string {
  if (context.orgId !== orgId) throw organizationNotFound();
  return orgId;
}

@ApiTags('billing')
@ApiBearerAuth()
@Controller('billing')
export class BillingController {
  constructor(private readonly billing: BillingService) {}

  @Get('summary/:orgId')
  @Access({ role: 'admin', scope: 'billing.read' })
  @ApiOperation({ summary: "The month's minutes, cost, budget and credits" })
  async summary(
    @Tenant() context: TenantContext,
    @Param('orgId', OrgIdPipe) orgId: string,
    @Query() query: SummaryQueryDto,
  ) {
    return envelope(await this.billing.summary(ownOrganization(context, orgId), query.period));
  }

  @Get('usage/:orgId')
  @Access({ role: 'admin', scope: 'billing.read' })
  @ApiOperation({ summary: 'Usage of the UTC days from..to (both included), grouped by day or by project' })
  async usage(
    @Tenant() context: TenantContext,
    @Param('orgId', OrgIdPipe) orgId: string,
    @Query() query: UsageQueryDto,
  ) {
    const { items, total, days } = await this.billing.usage(ownOrganization(context, orgId), query, query);
    const list = listEnvelope(items, total, query);
    return {
      ...list,
      meta: {
        ...list.meta,
        groupBy: query.groupBy,
        from: days.fromDay,
        to: days.toDay,
      },
    };
  }

  @Get('credits/:orgId')
  @Access({ role: 'admin', scope: 'billing.read' })
  @ApiOperation({ summary: 'Credit grants, newest first' })
  async credits(
    @Tenant() context: TenantContext,
    @Param('orgId', OrgIdPipe) orgId: string,
    @Query() page: PaginationQueryDto,
  ) {
    const { items, total, nextCursor } = await this.billing.listCredits(
      ownOrganization(context, orgId),
      page,
    );
    return listEnvelope(items, total, page, { nextCursor });
  }

  @Post('credits/:orgId')
  @Access({ role: 'owner' })
  @ApiOperation({ summary: 'Grant prepaid credit that usage draws down before anything is charged' })
  async grantCredit(
    @Tenant() context: TenantContext,
    @Param('orgId', OrgIdPipe) orgId: string,
    @Body() body: CreateCreditGrantDto,
  ) {
    ownOrganization(context, orgId);
    return envelope(await this.billing.grantCredit(context, body));
  }

  @Patch('budget/:orgId')
  @Access({ role: 'admin' })
  @ApiOperation({ summary: 'Set or (with null) remove the monthly budget; answers the summary' })
  async setBudget(
    @Tenant() context: TenantContext,
    @Param('orgId', OrgIdPipe) orgId: string,
    @Body() body: UpdateBudgetDto,
  ) {
    return envelope(await this.billing.setBudget(ownOrganization(context, orgId), body.budgetLimit));
  }
}
