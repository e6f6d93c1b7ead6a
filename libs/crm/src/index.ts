export * from './crm-customer.entity';
export * from './crm-opportunity.entity';
export * from './crm-customers.service';
export * from './crm-opportunities.service';
export * from './crm-matcher.service';
export * from './crm.module';
export * from './dto/crm.dto';
