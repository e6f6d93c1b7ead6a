import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { TENANT_REQUEST_KEY, TenantContext, unauthenticated } from '@app/core';
import { BillingService } from './billing.service';

const WITHIN_BUDGET_KEY = 'parley:within-budget';

export interface WithinBudgetOptions {
  /**
   * HTTP methods that start new work, when the route serves others too (tus: POST creates an upload, while
   * PATCH/HEAD/DELETE continue or cancel one already accepted, which must still finish). Default: every method.
   */
  methods?: string[];
}

/**
 * Refuses new billable work (402 BUDGET_EXCEEDED) once the caller's organisation has reached its monthly budget.
 * Runs after the global access guard, which has put the caller's TenantContext on the request.
 * BillingService is looked up app-wide, so a controller's module needs no billing import to use @WithinBudget().
 */
@Injectable()
export class WithinBudgetGuard implements CanActivate {
  private billing?: BillingService;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ method: string } & Record<string, unknown>>();
    const options = this.reflector.get<WithinBudgetOptions | undefined>(
      WITHIN_BUDGET_KEY,
      context.getHandler(),
    );
    if (options?.methods && !options.methods.includes(request.method.toUpperCase())) return true;
    const tenant = request[TENANT_REQUEST_KEY] as TenantContext | undefined;
    if (!tenant) throw unauthenticated();
    this.billing ??= this.moduleRef.get(BillingService, { strict: false });
    await this.billing.assertWithinBudget(tenant.orgId);
    return true;
  }
}

/** Put on routes that start billable work: uploads, ingests, imports, transcribes. */
export const WithinBudget = (options: WithinBudgetOptions = {}) =>
  applyDecorators(SetMetadata(WITHIN_BUDGET_KEY, options), UseGuards(WithinBudgetGuard));
