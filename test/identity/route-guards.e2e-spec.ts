import { Controller, Get, INestApplication, Module, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { Access, ACCESS_KEY, IS_PUBLIC_KEY, Public, Tenant, TenantContext } from '@app/core';
import { LocalModule } from '../../apps/api/src/local.module';
import { bearer, serviceToken, signUp } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';

/** Routes that exist only in this test: one that forgot its rule, one for users only, one for a scope. */
@Controller('guard-probe')
class GuardProbeController {
  @Get('forgotten')
  forgotten() {
    return { reached: true };
  }

  @Access({ role: 'viewer' })
  @Get('users-only')
  usersOnly(@Tenant() tenant: TenantContext) {
    return { data: tenant };
  }

  @Access({ role: 'admin', scope: 'billing.read' })
  @Get('billing')
  billing(@Tenant() tenant: TenantContext) {
    return { data: tenant };
  }

  @Public()
  @Get('public')
  open() {
    return { data: 'open' };
  }
}

@Module({ imports: [LocalModule], controllers: [GuardProbeController] })
class GuardProbeModule {}

/** Walks every controller method with a route and lists those with neither @Public() nor @Access(). */
function walkRoutes(app: INestApplication): { routes: string[]; undeclared: string[] } {
  const routes: string[] = [];
  const undeclared: string[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const route = `${method} /${Reflect.getMetadata(PATH_METADATA, controller)}/${Reflect.getMetadata(PATH_METADATA, handler)}`;
        routes.push(route);
        const declared = [handler, controller].some(
          (target) =>
            Reflect.getMetadata(IS_PUBLIC_KEY, target) === true ||
            Reflect.getMetadata(ACCESS_KEY, target) !== undefined,
        );
        if (!declared) undeclared.push(`${controller.name}.${name} (${route})`);
      }
    }
  }
  return { routes, undeclared };
}

describe('every route declares who may call it', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('finds @Public() or @Access() on every registered route of the whole application', () => {
    const { routes, undeclared } = walkRoutes(t.app);
    // The walk must actually see the application, not an empty container.
    expect(routes).toEqual(
      expect.arrayContaining(['POST /auth/signup', 'GET /users/:id', 'DELETE /clients/:id']),
    );
    expect(undeclared).toEqual([]);
  });
});

describe('the access guard', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ module: GuardProbeModule });
  });
  afterAll(() => t.close());

  it('the route walk spots a route without a rule', () => {
    expect(walkRoutes(t.app).undeclared).toEqual([
      'GuardProbeController.forgotten (GET /guard-probe/forgotten)',
    ]);
  });

  it('refuses a route without @Access even to an owner (fail closed)', async () => {
    const owner = await signUp(t.http);
    const response = await t.http.get('/api/v1/guard-probe/forgotten').set(bearer(owner)).expect(403);
    expect(response.body.error.code).toBe('FORBIDDEN');
    expect(response.body).not.toHaveProperty('reached');
    await t.http.get('/api/v1/guard-probe/public').expect(200);
  });

  it('hands the resolved tenant to @Tenant()', async () => {
    const owner = await signUp(t.http);
    const response = await t.http.get('/api/v1/guard-probe/users-only').set(bearer(owner)).expect(200);
    expect(response.body.data).toEqual({
      orgId: owner.orgId,
      actor: { kind: 'user', userId: owner.userId },
      role: 'owner',
      scopes: [],
    });
  });

  it('refuses service tokens on a rule without scope, and lets the right scope through', async () => {
    const owner = await signUp(t.http);
    const billing = await serviceToken(t.http, owner, ['billing.read']);
    const other = await serviceToken(t.http, owner, ['recordings.read']);
    await t.http.get('/api/v1/guard-probe/users-only').set(bearer(billing)).expect(403);
    const allowed = await t.http.get('/api/v1/guard-probe/billing').set(bearer(billing)).expect(200);
    expect(allowed.body.data).toMatchObject({
      orgId: owner.orgId,
      actor: { kind: 'client' },
      scopes: ['billing.read'],
    });
    const refused = await t.http.get('/api/v1/guard-probe/billing').set(bearer(other)).expect(403);
    expect(refused.body.error.message).toBe('This token lacks the billing.read scope');
  });
});
