import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module';
import { runDist } from '../support/processes';
import { createTestApp, TestApp } from '../support/test-app';

/** The operators' command line (`npm run admin -- …`), run as the compiled program against the test's database. */
describe('the admin command line', () => {
  let t: TestApp;

  const OLD_KEY = 'the-webhook-secret-key-of-last-year-0123456789';
  const NEW_KEY = 'the-webhook-secret-key-of-this-year-9876543210';

  const commandWith = (env: Record<string, string>, ...args: string[]) => {
    const run = runDist(
      'apps/admin/src/main.js',
      {
        DATABASE_URL: t.config.DATABASE_URL,
        REDIS_URL: t.config.REDIS_URL,
        QUEUE_PREFIX: t.config.QUEUE_PREFIX,
        LOG_LEVEL: 'error',
        WEBHOOK_SECRET_KEY: OLD_KEY,
        ...env,
      },
      args,
    );
    return run.exited.then((code) => ({ code, output: run.output() }));
  };
  const command = (...args: string[]) => commandWith({}, ...args);

  const login = (email: string, password: string) =>
    t.http.post('/api/v1/auth/login').send({ email, password });

  beforeAll(async () => {
    t = await createTestApp({
      module: ApiModule,
      env: { AUTH_SIGNUP_ENABLED: 'false', WEBHOOK_SECRET_KEY: OLD_KEY },
    });
  });
  afterAll(() => t.close());

  it('creates an organisation and its owner when sign-up is closed', async () => {
    const { code, output } = await command(
      'create-organization',
      '--name',
      'Acme Support',
      '--owner-email',
      'Ops@Acme.example',
      '--password',
      'a long passphrase',
    );
    expect(code).toBe(0);
    const created = JSON.parse(output.trim().split('\n').at(-1)!);
    expect(created).toMatchObject({ organizationId: expect.stringMatching(/^org_/), newUser: true });
    expect(created.password).toBeUndefined();
    await login('ops@acme.example', 'a long passphrase').expect(200);
  });

  it("resets a person's password: the new one works, the old one and the old sessions do not", async () => {
    const before = await login('ops@acme.example', 'a long passphrase').expect(200);
    const { code, output } = await command('reset-password', '--email', 'ops@acme.example');
    expect(code).toBe(0);
    const { password } = JSON.parse(output.trim().split('\n').at(-1)!);
    expect(password).toMatch(/^[\w-]{24}$/);
    await login('ops@acme.example', 'a long passphrase').expect(401);
    await login('ops@acme.example', password).expect(200);
    await t.http
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: before.body.data.refreshToken })
      .expect(401);
  });

  it('says in one line what is wrong, with a non-zero exit', async () => {
    const unknown = await command('reset-password', '--email', 'nobody@acme.example');
    expect(unknown.code).not.toBe(0);
    expect(unknown.output).toContain('User not found');
    const short = await command('reset-password', '--email', 'ops@acme.example', '--password', 'short');
    expect(short.code).not.toBe(0);
    expect(short.output).toContain('at least 10 characters');
    const requeue = await command('requeue-stuck');
    expect(requeue.code).toBe(0);
  });

  it('re-encrypts the stored webhook secrets with a new key, opening them with the previous one', async () => {
    const created = await command(
      'create-organization',
      '--name',
      'Hooks Inc',
      '--owner-email',
      'hooks@hooks.example',
      '--password',
      'a long passphrase',
    );
    expect(created.code).toBe(0);
    const token = (await login('hooks@hooks.example', 'a long passphrase').expect(200)).body.data.accessToken;
    const endpoint = await t.http
      .post('/api/v1/webhooks')
      .set('Authorization', `Bearer ${token}`)
      .send({ url: 'http://127.0.0.1:9/hook', events: ['record.completed'] })
      .expect(201);
    const stored = async () =>
      (
        await t.app
          .get(DataSource)
          .query(`SELECT secret_encrypted FROM webhook_endpoints WHERE id = $1`, [endpoint.body.data.id])
      )[0].secret_encrypted as string;
    const before = await stored();

    // Without the old key the new one opens nothing: refused, nothing changed.
    const blind = await commandWith({ WEBHOOK_SECRET_KEY: NEW_KEY }, 'rotate-secrets');
    expect(blind.code).not.toBe(0);
    expect(JSON.parse(blind.output.trim().split('\n').at(-1)!)).toMatchObject({ reencrypted: 0 });
    expect(await stored()).toBe(before);

    const rotated = await commandWith(
      { WEBHOOK_SECRET_KEY: NEW_KEY, WEBHOOK_SECRET_KEY_PREVIOUS: OLD_KEY },
      'rotate-secrets',
    );
    expect(rotated.code).toBe(0);
    expect(JSON.parse(rotated.output.trim().split('\n').at(-1)!)).toMatchObject({
      reencrypted: 1,
      unreadable: 0,
    });
    expect(await stored()).not.toBe(before);
    // Now the new key alone opens everything: a second run has nothing to do.
    const again = await commandWith({ WEBHOOK_SECRET_KEY: NEW_KEY }, 'rotate-secrets');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.output.trim().split('\n').at(-1)!)).toMatchObject({
      reencrypted: 0,
      unreadable: 0,
    });
  });
});
