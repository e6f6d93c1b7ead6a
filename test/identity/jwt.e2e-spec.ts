import { createHmac, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { bearer, signUp, TestUser } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';

const API = '/api/v1';
const SECRET = 'e2e-jwt-secret-that-is-long-enough-0123456789';
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('access tokens: what the API refuses', () => {
  let t: TestApp;
  let owner: TestUser;
  let claims: Record<string, unknown>;
  const sign = (payload: object, options: jwt.SignOptions = {}) =>
    jwt.sign(payload, SECRET, {
      algorithm: 'HS256',
      issuer: 'parley',
      audience: 'parley-api',
      expiresIn: 600,
      ...options,
    });

  beforeAll(async () => {
    t = await createTestApp({ env: { JWT_SECRET: SECRET } });
    owner = await signUp(t.http);
    claims = { sub: owner.userId, org: owner.orgId, role: 'owner' };
  });
  afterAll(() => t.close());

  const expectRefused = async (token: string) => {
    const response = await t.http.get(`${API}/auth/me`).set(bearer(token));
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
    expect(response.headers['www-authenticate']).toBe('Bearer');
  };

  it('issues HS256 tokens with iss, aud, exp (15 minutes), sub, org and role', async () => {
    const decoded = jwt.decode(owner.accessToken, { complete: true })!;
    expect(decoded.header.alg).toBe('HS256');
    const payload = decoded.payload as jwt.JwtPayload;
    expect(payload).toMatchObject({
      iss: 'parley',
      aud: 'parley-api',
      sub: owner.userId,
      org: owner.orgId,
      role: 'owner',
    });
    expect(payload.exp! - payload.iat!).toBe(900);
  });

  it('accepts a correctly signed token (the control for every case below)', async () => {
    await t.http
      .get(`${API}/auth/me`)
      .set(bearer(sign(claims)))
      .expect(200);
  });

  it('refuses alg none', async () => {
    const header = base64url({ alg: 'none', typ: 'JWT' });
    const now = Math.floor(Date.now() / 1000);
    const payload = base64url({ ...claims, iss: 'parley', aud: 'parley-api', iat: now, exp: now + 600 });
    await expectRefused(`${header}.${payload}.`);
  });

  it('refuses an HS256 token signed with another secret', async () => {
    await expectRefused(
      jwt.sign(claims, 'another-secret-that-is-also-long-enough!', {
        algorithm: 'HS256',
        issuer: 'parley',
        audience: 'parley-api',
        expiresIn: 600,
      }),
    );
  });

  it('refuses RS256 tokens, and HS256 tokens keyed with a public key (algorithm confusion)', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rs256 = jwt.sign(claims, privateKey, {
      algorithm: 'RS256',
      issuer: 'parley',
      audience: 'parley-api',
      expiresIn: 600,
    });
    await expectRefused(rs256);
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const confused = [
      base64url({ alg: 'HS256', typ: 'JWT' }),
      base64url({ ...claims, iss: 'parley', aud: 'parley-api', exp: Math.floor(Date.now() / 1000) + 600 }),
    ].join('.');
    await expectRefused(`${confused}.${createHmac('sha256', pem).update(confused).digest('base64url')}`);
  });

  it('refuses an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = jwt.sign({ ...claims, iat: now - 1000, exp: now - 10 }, SECRET, {
      algorithm: 'HS256',
      issuer: 'parley',
      audience: 'parley-api',
    });
    await expectRefused(expired);
  });

  it('refuses a token without an expiry', async () => {
    const forever = jwt.sign({ ...claims, iat: Math.floor(Date.now() / 1000) }, SECRET, {
      algorithm: 'HS256',
      issuer: 'parley',
      audience: 'parley-api',
    });
    expect((jwt.decode(forever) as jwt.JwtPayload).exp).toBeUndefined();
    await expectRefused(forever);
  });

  it('refuses a wrong audience or issuer', async () => {
    await expectRefused(sign(claims, { audience: 'someone-else' }));
    await expectRefused(sign(claims, { issuer: 'someone-else' }));
  });

  it('refuses tampered claims', async () => {
    const viewer = (
      await t.http.post(`${API}/auth/signup`).send({
        email: `v-${Date.now()}@example.test`,
        password: 'long enough password',
        name: 'V',
        organizationName: 'V',
      })
    ).body.data;
    const [header, , signature] = viewer.accessToken.split('.');
    const payload = jwt.decode(viewer.accessToken) as jwt.JwtPayload;
    // Same signature, another organisation in the payload: a would-be jump into owner's organisation.
    await expectRefused(`${header}.${base64url({ ...payload, org: owner.orgId })}.${signature}`);
  });

  it('refuses well-signed tokens whose claims do not make sense', async () => {
    await expectRefused(sign({ ...claims, sub: 'admin' }));
    await expectRefused(sign({ ...claims, role: 'superuser' }));
    await expectRefused(sign({ sub: owner.userId, role: 'owner' }));
  });

  it('never trusts the role claim: the membership decides', async () => {
    // A token claiming owner for a user who is not a member of that organisation is refused.
    const stranger = await signUp(t.http);
    await expectRefused(sign({ sub: stranger.userId, org: owner.orgId, role: 'owner' }));
  });

  it('refuses other schemes and garbage', async () => {
    await t.http.get(`${API}/auth/me`).set('Authorization', `Basic ${owner.accessToken}`).expect(401);
    await expectRefused('not.a.token');
    await expectRefused('x');
  });
});
