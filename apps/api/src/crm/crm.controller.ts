import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, envelope, listEnvelope, ParseIdPipe, Tenant, TenantContext } from '@app/core';
import {
  CreateCustomerDto,
  CreateOpportunityDto,
  CrmCustomersService,
  CrmOpportunitiesService,
  ListCustomersQuery,
  ListOpportunitiesQuery,
  presentCustomer,
  presentOpportunity,
  UpdateCustomerDto,
  UpdateOpportunityDto,
} from '@app/crm';
import { ListRecordsQuery, RecordsService } from '@app/records';

const READ = { role: 'viewer', scope: 'recordings.read' } as const;
const WRITE = { role: 'supervisor', scope: 'recordings.write' } as const;
const customerId = new ParseIdPipe('crm', 'CRM customer');
const opportunityId = new ParseIdPipe('opp', 'CRM opportunity');

@ApiTags('crm')
@ApiBearerAuth()
@Controller('crm')
export class CrmController {
  constructor(
    private readonly customers: CrmCustomersService,
    private readonly opportunities: CrmOpportunitiesService,
    private readonly records: RecordsService,
  ) {}

  @Get('customers')
  @Access(READ)
  async listCustomers(@Tenant() context: TenantContext, @Query() query: ListCustomersQuery) {
    const [items, total, nextCursor] = await this.customers.list(context.orgId, query);
    return listEnvelope(items.map(presentCustomer), total, query, { nextCursor });
  }

  @Post('customers')
  @Access(WRITE)
  async createCustomer(@Tenant() context: TenantContext, @Body() body: CreateCustomerDto) {
    return envelope(presentCustomer(await this.customers.create(context.orgId, body)));
  }

  @Post('customers\\:import')
  @HttpCode(200)
  @Access(WRITE)
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ description: 'A JSON array of customers, or CSV with a header row (lists separated by ";")' })
  @ApiOperation({ summary: 'Upsert up to 10,000 customers by externalId; all or nothing' })
  async importCustomers(@Tenant() context: TenantContext, @Body() body: unknown) {
    return envelope(await this.customers.import(context.orgId, body));
  }

  @Get('customers/:id')
  @Access(READ)
  async getCustomer(@Tenant() context: TenantContext, @Param('id', customerId) id: string) {
    return envelope(presentCustomer(await this.customers.findOne(context.orgId, id)));
  }

  @Patch('customers/:id')
  @Access(WRITE)
  async updateCustomer(
    @Tenant() context: TenantContext,
    @Param('id', customerId) id: string,
    @Body() body: UpdateCustomerDto,
  ) {
    return envelope(presentCustomer(await this.customers.update(context.orgId, id, body)));
  }

  @Delete('customers/:id')
  @HttpCode(204)
  @Access(WRITE)
  async removeCustomer(@Tenant() context: TenantContext, @Param('id', customerId) id: string) {
    await this.customers.remove(context.orgId, id);
  }

  @Get('customers/:id/records')
  @Access(READ)
  @ApiOperation({ summary: "A customer's calls and conversations" })
  async customerRecords(
    @Tenant() context: TenantContext,
    @Param('id', customerId) id: string,
    @Query() query: ListRecordsQuery,
  ) {
    await this.customers.findOne(context.orgId, id);
    query.crmCustomerId = id;
    const [items, total, totalIsEstimate, nextCursor] = await this.records.list(context, query);
    return listEnvelope(items, total, query, { totalIsEstimate, nextCursor });
  }

  @Get('opportunities')
  @Access(READ)
  async listOpportunities(@Tenant() context: TenantContext, @Query() query: ListOpportunitiesQuery) {
    const [items, total, nextCursor] = await this.opportunities.list(context.orgId, query);
    return listEnvelope(items.map(presentOpportunity), total, query, { nextCursor });
  }

  @Post('opportunities')
  @Access(WRITE)
  async createOpportunity(@Tenant() context: TenantContext, @Body() body: CreateOpportunityDto) {
    return envelope(presentOpportunity(await this.opportunities.create(context.orgId, body)));
  }

  @Get('opportunities/:id')
  @Access(READ)
  async getOpportunity(@Tenant() context: TenantContext, @Param('id', opportunityId) id: string) {
    return envelope(presentOpportunity(await this.opportunities.findOne(context.orgId, id)));
  }

  @Patch('opportunities/:id')
  @Access(WRITE)
  async updateOpportunity(
    @Tenant() context: TenantContext,
    @Param('id', opportunityId) id: string,
    @Body() body: UpdateOpportunityDto,
  ) {
    return envelope(presentOpportunity(await this.opportunities.update(context.orgId, id, body)));
  }

  @Delete('opportunities/:id')
  @HttpCode(204)
  @Access(WRITE)
  async removeOpportunity(@Tenant() context: TenantContext, @Param('id', opportunityId) id: string) {
    await this.opportunities.remove(context.orgId, id);
  }
}
