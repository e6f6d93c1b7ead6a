import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RecordExtensions, RecordsModule } from '@app/records';
import { CrmCustomerEntity } from './crm-customer.entity';
import { CrmCustomersRepository, CrmCustomersService } from './crm-customers.service';
import { CrmMatcher } from './crm-matcher.service';
import { CrmOpportunityEntity } from './crm-opportunity.entity';
import {
  CrmOpportunitiesRepository,
  CrmOpportunitiesService,
  presentOpportunity,
} from './crm-opportunities.service';

/** CRM context: customers and opportunities, and which customer each call is about. */
@Module({
  imports: [TypeOrmModule.forFeature([CrmCustomerEntity, CrmOpportunityEntity]), RecordsModule],
  providers: [
    CrmCustomersRepository,
    CrmCustomersService,
    CrmOpportunitiesRepository,
    CrmOpportunitiesService,
    CrmMatcher,
  ],
  exports: [CrmCustomersService, CrmOpportunitiesService, CrmMatcher],
})
export class CrmModule implements OnModuleInit {
  constructor(
    private readonly extensions: RecordExtensions,
    private readonly customers: CrmCustomersService,
    private readonly opportunities: CrmOpportunitiesService,
  ) {}

  onModuleInit(): void {
    this.extensions.registerCustomerCheck(async (orgId, id) =>
      this.customers.findOne(orgId, id).then(
        () => true,
        () => false,
      ),
    );
    // Every record shows its customer and the customer's open deals (one query each per page of records).
    this.extensions.registerViewExtras(async (orgId, records) => {
      const ids = [...new Set(records.map((r) => r.crmCustomerId).filter((id): id is string => !!id))];
      const [customers, deals] = await Promise.all([
        this.customers.findMany(orgId, ids),
        this.opportunities.openOf(orgId, ids),
      ]);
      const byId = new Map(customers.map((customer) => [customer.id, customer]));
      return new Map(
        records.map((record) => {
          const customer = record.crmCustomerId ? byId.get(record.crmCustomerId) : undefined;
          return [
            record.id,
            {
              crmCustomer: customer
                ? {
                    id: customer.id,
                    name: customer.name,
                    customerType: customer.customerType,
                    externalId: customer.externalId,
                    matchingSource: record.crmMatchingSource,
                    crmUrl: customer.crmUrl,
                  }
                : null,
              crmMatchingSource: record.crmMatchingSource,
              crmCandidates: record.crmCandidates ?? [],
              crmOpportunities: customer
                ? deals.filter((deal) => deal.customerId === customer.id).map(presentOpportunity)
                : [],
            },
          ];
        }),
      );
    });
  }
}
