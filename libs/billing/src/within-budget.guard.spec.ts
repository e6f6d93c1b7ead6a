import { ExecutionContext } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { AppError, TENANT_REQUEST_KEY, TenantContext } from '@app/core';
import { BillingService } from './billing.service';
import { WithinBudget, WithinBudgetGuard } from './within-budget.guard';

const tenant: TenantContext = {
  orgId: 'org_1',
  actor: { kind: 'user', userId: 'usr_1' },
  role: 'agent',
  scopes: [],
};

class Routes {
  @WithinBudget()
  upload() {}

  @WithinBudget({ methods: ['POST'] })
  tus() {}
}

function setUp(overBudget: boolean) {
  const checked: string[] = [];
  const billing = {
    assertWithinBudget: async (orgId: string) => {
      checked.push(orgId);
      if (overBudget) throw new AppError('BUDGET_EXCEEDED', 'over');
    },
  } as unknown as BillingService;
  const moduleRef = { get: () => billing } as unknown as ModuleRef;
  const guard = new WithinBudgetGuard(moduleRef, new Reflector());
  const run = (handler: keyof Routes, method: string, withTenant = true) =>
    guard.canActivate({
      getHandler: () => Routes.prototype[handler],
      switchToHttp: () => ({
        getRequest: () => ({ method, ...(withTenant ? { [TENANT_REQUEST_KEY]: tenant } : {}) }),
      }),
    } as unknown as ExecutionContext);
  return { run, checked };
}

describe('WithinBudgetGuard', () => {
  it("lets work in while the caller's organisation is within budget", async () => {
    const { run, checked } = setUp(false);
    await expect(run('upload', 'POST')).resolves.toBe(true);
    expect(checked).toEqual(['org_1']);
  });

  it('refuses with BUDGET_EXCEEDED once over budget', async () => {
    const { run } = setUp(true);
    await expect(run('upload', 'POST')).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED', status: 402 });
  });

  it('checks only the methods named, so accepted work (tus PATCH) still finishes', async () => {
    const { run, checked } = setUp(true);
    await expect(run('tus', 'PATCH')).resolves.toBe(true);
    await expect(run('tus', 'HEAD')).resolves.toBe(true);
    expect(checked).toEqual([]);
    await expect(run('tus', 'POST')).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED' });
  });

  it('fails closed without a resolved caller', async () => {
    const { run } = setUp(false);
    await expect(run('upload', 'POST', false)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
