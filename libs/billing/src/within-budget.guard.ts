import { applyDecorators, CanActivate, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { TENANT_REQUEST_KEY, TenantContext, unauthenticated } from '@app/core';
import { BillingService } from './billing.service';

/**
 * Refuses new billable work (402 BUDGET_EXCEEDED) once the caller's organisation has reached its monthly budget.
 * Runs after the global access guard, which has put the caller's TenantContext on the request.
 * BillingService is looked up app-wide, so a controller's module needs no billing import to use @WithinBudget().
 */
@Injectable()
export class WithinBudgetGuard implements CanActivate {
  private billing?: BillingService;

  constructor(private readonly moduleRef: ModuleRef) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Record<string, unknown>>();
    const tenant = request[TENANT_REQUEST_KEY] as TenantContext | undefined;
    if (!tenant) throw unauthenticated();
    this.billing ??= this.moduleRef.get(BillingService, { strict: false });
    await this.billing.assertWithinBudget(tenant.orgId);
    return true;
  }
}

/** Put on routes that start billable work: uploads, ingests, imports, transcribes. */
export const WithinBudget = () => applyDecorators(UseGuards(WithinBudgetGuard));
