import { createTestApp, TestApp } from '../support/test-app';
import { addMember, bearer, signUp } from '../support/auth';

const API = '/api/v1';

describe('auth flow: signup, login, me, refresh rotation', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('signs up an owner of a new organisation and answers /auth/me', async () => {
    const response = await t.http
      .post(`${API}/auth/signup`)
      .send({
        email: 'Ana@Example.test',
        password: 'a long enough password',
        name: 'Ana',
        organizationName: 'Acme',
      })
      .expect(201);
    const { user, organization, accessToken, refreshToken } = response.body.data;
    expect(user).toEqual({ id: expect.stringMatching(/^usr_/), email: 'ana@example.test', name: 'Ana' });
    expect(organization).toEqual({
      id: expect.stringMatching(/^org_/),
      name: 'Acme',
      brandId: expect.stringMatching(/^[0-9a-f]{8}-/),
    });
    expect(typeof refreshToken).toBe('string');
    expect(JSON.stringify(response.body)).not.toMatch(/password/i);

    const me = await t.http.get(`${API}/auth/me`).set(bearer(accessToken)).expect(200);
    expect(me.body.data).toEqual({
      user,
      organization,
      role: 'owner',
      memberships: [{ organizationId: organization.id, organizationName: 'Acme', role: 'owner' }],
    });
  });

  it('refuses a second account for the same email, whatever its case', async () => {
    const owner = await signUp(t.http);
    const again = await t.http
      .post(`${API}/auth/signup`)
      .send({
        email: owner.email.toUpperCase(),
        password: 'another long password',
        name: 'X',
        organizationName: 'Y',
      })
      .expect(409);
    expect(again.body.error.code).toBe('CONFLICT');
  });

  it('accepts addresses whose lower case differs between JavaScript and PostgreSQL', async () => {
    const response = await t.http
      .post(`${API}/auth/signup`)
      .send({
        email: 'İlker@Example.test',
        password: 'a long enough password',
        name: 'I',
        organizationName: 'I',
      })
      .expect(201);
    await t.http
      .post(`${API}/auth/login`)
      .send({ email: 'İLKER@example.test', password: 'a long enough password' })
      .expect(200);
    expect(response.body.data.user.email).toBe('İlker@Example.test'.toLowerCase());
  });

  it('validates signup input in the envelope and refuses fields a caller may not set', async () => {
    const weak = await t.http
      .post(`${API}/auth/signup`)
      .send({ email: 'not-an-email', password: 'short', name: 'A', organizationName: 'B' })
      .expect(400);
    expect(weak.body.error.code).toBe('VALIDATION_FAILED');
    expect(weak.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'email',
      'password',
    ]);
    const massAssignment = await t.http
      .post(`${API}/auth/signup`)
      .send({
        email: 'm@example.test',
        password: 'long enough pw',
        name: 'M',
        organizationName: 'O',
        role: 'admin',
      })
      .expect(400);
    expect(massAssignment.body.error.details[0]).toMatchObject({ field: 'role' });
  });

  it('logs in, answering the same for a wrong password and an unknown email', async () => {
    const owner = await signUp(t.http);
    const login = await t.http
      .post(`${API}/auth/login`)
      .send({ email: owner.email, password: owner.password })
      .expect(200);
    expect(login.body.data).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
      user: { id: owner.userId, email: owner.email, name: 'Test Owner' },
    });
    const wrongPassword = await t.http
      .post(`${API}/auth/login`)
      .send({ email: owner.email, password: 'not the password' })
      .expect(401);
    const unknownEmail = await t.http
      .post(`${API}/auth/login`)
      .send({ email: 'nobody@example.test', password: 'not the password' })
      .expect(401);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
    expect(wrongPassword.body.error).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'Invalid email or password',
      details: [],
    });
  });

  it('takes about as long for an unknown email as for a wrong password', async () => {
    const owner = await signUp(t.http);
    const time = async (email: string) => {
      const start = process.hrtime.bigint();
      await t.http.post(`${API}/auth/login`).send({ email, password: 'not the password' }).expect(401);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    await time('warmup@example.test');
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time(owner.email));
      unknown.push(await time(`nobody-${i}@example.test`));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[1];
    // Both paths run one scrypt (tens of ms); without the dummy hash the unknown path would be ~1 ms.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
    expect(median(unknown)).toBeLessThan(median(known) * 2);
  });

  it('rotates refresh tokens: each works once, and reusing a spent one revokes the whole family', async () => {
    const owner = await signUp(t.http);
    const first = await t.http
      .post(`${API}/auth/refresh`)
      .send({ refreshToken: owner.refreshToken })
      .expect(200);
    const second = first.body.data;
    expect(second.refreshToken).not.toBe(owner.refreshToken);
    await t.http.get(`${API}/auth/me`).set(bearer(second.accessToken)).expect(200);

    const reuse = await t.http
      .post(`${API}/auth/refresh`)
      .send({ refreshToken: owner.refreshToken })
      .expect(401);
    expect(reuse.body.error.code).toBe('UNAUTHENTICATED');
    // The theft is detected: the legitimate holder's newer token of the same family is dead too.
    await t.http.post(`${API}/auth/refresh`).send({ refreshToken: second.refreshToken }).expect(401);
    // Another login is another family and still works.
    const login = await t.http
      .post(`${API}/auth/login`)
      .send({ email: owner.email, password: owner.password });
    await t.http.post(`${API}/auth/refresh`).send({ refreshToken: login.body.data.refreshToken }).expect(200);
  });

  it('refuses an unknown refresh token', async () => {
    await t.http.post(`${API}/auth/refresh`).send({ refreshToken: 'made-up' }).expect(401);
  });

  it('selects an organisation with X-Selected-Org-ID only among the caller’s memberships', async () => {
    const alpha = await signUp(t.http);
    const beta = await signUp(t.http);
    const member = await addMember(t.http, alpha, 'agent');
    // The same person joins beta too, through a second invite, with the same password.
    const invite = await t.http
      .post(`${API}/users/invite`)
      .set(bearer(beta))
      .send({ email: member.email, role: 'viewer' })
      .expect(201);
    await t.http
      .post(`${API}/auth/accept-invite`)
      .send({ token: invite.body.data.inviteToken, password: member.password, name: 'ignored' })
      .expect(201);

    const defaultOrg = await t.http.get(`${API}/auth/me`).set(bearer(member)).expect(200);
    expect(defaultOrg.body.data.organization.id).toBe(alpha.orgId);
    expect(defaultOrg.body.data.role).toBe('agent');
    expect(defaultOrg.body.data.memberships).toHaveLength(2);

    const selected = await t.http
      .get(`${API}/auth/me`)
      .set(bearer(member))
      .set('X-Selected-Org-ID', beta.orgId)
      .expect(200);
    expect(selected.body.data.organization.id).toBe(beta.orgId);
    expect(selected.body.data.role).toBe('viewer');

    const stranger = await signUp(t.http);
    const refused = await t.http
      .get(`${API}/auth/me`)
      .set(bearer(member))
      .set('X-Selected-Org-ID', stranger.orgId)
      .expect(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    await t.http.get(`${API}/auth/me`).set(bearer(member)).set('X-Selected-Org-ID', 'garbage').expect(403);
  });

  it('answers a missing token with 401 and a Bearer challenge', async () => {
    const response = await t.http.get(`${API}/auth/me`).expect(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('sign-up switched off', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { AUTH_SIGNUP_ENABLED: 'false' } });
  });
  afterAll(() => t.close());

  it('answers 403 FORBIDDEN and creates nothing', async () => {
    const response = await t.http
      .post(`${API}/auth/signup`)
      .send({ email: 'x@example.test', password: 'long enough pw', name: 'X', organizationName: 'Y' })
      .expect(403);
    expect(response.body.error).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Sign-up is disabled on this installation',
    });
    await t.http
      .post(`${API}/auth/login`)
      .send({ email: 'x@example.test', password: 'long enough pw' })
      .expect(401);
  });
});
