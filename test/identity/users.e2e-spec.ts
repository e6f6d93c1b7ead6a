import { Role } from '@app/core';
import { DataSource } from 'typeorm';
import { addMember, bearer, signUp, TestUser } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';

const API = '/api/v1';

describe('users, invites and roles', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: 'https://parley.example.com' } });
  });
  afterAll(() => t.close());

  const invite = async (admin: TestUser, email: string, role: Role = 'agent') =>
    (await t.http.post(`${API}/users/invite`).set(bearer(admin)).send({ email, role }).expect(201)).body.data;

  describe('invites', () => {
    it('answers with a token and a link under PUBLIC_URL, valid once, that logs the new member in', async () => {
      const owner = await signUp(t.http);
      const created = await invite(owner, 'Newcomer@Example.test', 'supervisor');
      expect(created).toMatchObject({
        email: 'newcomer@example.test',
        role: 'supervisor',
        inviteToken: expect.any(String),
      });
      expect(created.inviteUrl).toBe(
        `https://parley.example.com/accept-invite?token=${encodeURIComponent(created.inviteToken)}`,
      );
      const accepted = await t.http
        .post(`${API}/auth/accept-invite`)
        .send({ token: created.inviteToken, password: 'newcomer password', name: 'New Comer' })
        .expect(201);
      expect(accepted.body.data).toMatchObject({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 900,
        user: { email: 'newcomer@example.test', name: 'New Comer' },
      });
      const me = await t.http.get(`${API}/auth/me`).set(bearer(accepted.body.data.accessToken)).expect(200);
      expect(me.body.data).toMatchObject({ organization: { id: owner.orgId }, role: 'supervisor' });
      await t.http
        .post(`${API}/auth/login`)
        .send({ email: 'newcomer@example.test', password: 'newcomer password' })
        .expect(200);

      const again = await t.http
        .post(`${API}/auth/accept-invite`)
        .send({ token: created.inviteToken, password: 'another password', name: 'Again' })
        .expect(404);
      expect(again.body.error.code).toBe('NOT_FOUND');
    });

    it('stores invite tokens only hashed and refuses expired ones', async () => {
      const owner = await signUp(t.http);
      const created = await invite(owner, `late-${Date.now()}@example.test`);
      const db = t.app.get(DataSource);
      const rows: { token_hash: string }[] = await db.query('SELECT token_hash FROM invites WHERE id = $1', [
        created.id,
      ]);
      expect(rows[0].token_hash).not.toBe(created.inviteToken);
      await db.query(`UPDATE invites SET expires_at = now() - interval '1 second' WHERE id = $1`, [
        created.id,
      ]);
      await t.http
        .post(`${API}/auth/accept-invite`)
        .send({ token: created.inviteToken, password: 'late password', name: 'Late' })
        .expect(404);
    });

    it('adds a membership to an existing account only with its current password, leaving the invite usable', async () => {
      const alpha = await signUp(t.http);
      const beta = await signUp(t.http);
      const created = await invite(beta, alpha.email, 'admin');
      const wrong = await t.http
        .post(`${API}/auth/accept-invite`)
        .send({ token: created.inviteToken, password: 'not alpha password', name: 'Alpha' })
        .expect(401);
      expect(wrong.body.error.code).toBe('UNAUTHENTICATED');
      const right = await t.http
        .post(`${API}/auth/accept-invite`)
        .send({ token: created.inviteToken, password: alpha.password, name: 'Renamed?' })
        .expect(201);
      expect(right.body.data.user).toEqual({ id: alpha.userId, email: alpha.email, name: 'Test Owner' });
      const me = await t.http.get(`${API}/auth/me`).set(bearer(alpha)).expect(200);
      expect(me.body.data.memberships).toHaveLength(2);
    });

    it('refuses to invite an existing member, an invalid role, or an owner by an admin', async () => {
      const owner = await signUp(t.http);
      const admin = await addMember(t.http, owner, 'admin');
      await t.http
        .post(`${API}/users/invite`)
        .set(bearer(owner))
        .send({ email: admin.email, role: 'agent' })
        .expect(409);
      await t.http
        .post(`${API}/users/invite`)
        .set(bearer(owner))
        .send({ email: 'x@example.test', role: 'god' })
        .expect(400);
      await t.http
        .post(`${API}/users/invite`)
        .set(bearer(admin))
        .send({ email: 'boss@example.test', role: 'owner' })
        .expect(403);
      await t.http
        .post(`${API}/users/invite`)
        .set(bearer(owner))
        .send({ email: 'x@example.test', role: 'agent', orgId: owner.orgId })
        .expect(400);
      await invite(owner, 'coowner@example.test', 'owner');
    });
  });

  describe('role matrix', () => {
    const adminRoutes = (target: string) =>
      [
        ['get', `${API}/users`, undefined],
        ['get', `${API}/users/${target}`, undefined],
        ['post', `${API}/users/invite`, { email: `m-${Math.random()}@example.test`, role: 'viewer' }],
        ['patch', `${API}/users/${target}`, { role: 'agent' }],
        ['get', `${API}/clients`, undefined],
        ['post', `${API}/clients`, { name: 'c', scopes: ['recordings.read'] }],
      ] as const;

    it.each(['viewer', 'agent', 'supervisor'] as const)(
      '%s: reads /auth/me, refused 403 on admin routes',
      async (role) => {
        const owner = await signUp(t.http);
        const member = await addMember(t.http, owner, role);
        const target = await addMember(t.http, owner, 'viewer');
        await t.http.get(`${API}/auth/me`).set(bearer(member)).expect(200);
        for (const [method, url, body] of adminRoutes(target.userId)) {
          const response = await t.http[method](url).set(bearer(member)).send(body);
          expect(`${method} ${url} ${response.status} ${response.body.error?.code}`).toBe(
            `${method} ${url} 403 FORBIDDEN`,
          );
        }
        await t.http.delete(`${API}/users/${target.userId}`).set(bearer(member)).expect(403);
      },
    );

    it('admin: manages members and clients', async () => {
      const owner = await signUp(t.http);
      const admin = await addMember(t.http, owner, 'admin');
      const target = await addMember(t.http, owner, 'viewer');
      for (const [method, url, body] of adminRoutes(target.userId)) {
        const response = await t.http[method](url).set(bearer(admin)).send(body);
        expect(response.status).toBeLessThan(300);
      }
      const list = await t.http.get(`${API}/users`).set(bearer(admin)).expect(200);
      expect(list.body.meta.total).toBe(3);
      expect(list.body.data).toEqual(
        expect.arrayContaining([
          {
            id: owner.userId,
            email: owner.email,
            name: 'Test Owner',
            role: 'owner',
            joinedAt: expect.any(String),
          },
        ]),
      );
      await t.http.delete(`${API}/users/${target.userId}`).set(bearer(admin)).expect(204);
    });

    it('admin cannot touch an owner or make one', async () => {
      const owner = await signUp(t.http);
      const admin = await addMember(t.http, owner, 'admin');
      const agent = await addMember(t.http, owner, 'agent');
      await t.http
        .patch(`${API}/users/${owner.userId}`)
        .set(bearer(admin))
        .send({ role: 'viewer' })
        .expect(403);
      await t.http.delete(`${API}/users/${owner.userId}`).set(bearer(admin)).expect(403);
      await t.http
        .patch(`${API}/users/${agent.userId}`)
        .set(bearer(admin))
        .send({ role: 'owner' })
        .expect(403);
      await t.http
        .patch(`${API}/users/${agent.userId}`)
        .set(bearer(owner))
        .send({ role: 'owner' })
        .expect(200);
    });

    it('applies a role change and a removal to tokens already issued', async () => {
      const owner = await signUp(t.http);
      const admin = await addMember(t.http, owner, 'admin');
      await t.http.get(`${API}/users`).set(bearer(admin)).expect(200);
      const demoted = await t.http
        .patch(`${API}/users/${admin.userId}`)
        .set(bearer(owner))
        .send({ role: 'viewer' })
        .expect(200);
      expect(demoted.body.data).toMatchObject({ id: admin.userId, role: 'viewer' });
      await t.http.get(`${API}/users`).set(bearer(admin)).expect(403);
      await t.http.delete(`${API}/users/${admin.userId}`).set(bearer(owner)).expect(204);
      await t.http.get(`${API}/auth/me`).set(bearer(admin)).expect(401);
      await t.http.post(`${API}/auth/refresh`).send({ refreshToken: admin.refreshToken }).expect(401);
      await t.http.get(`${API}/users/${admin.userId}`).set(bearer(owner)).expect(404);
    });

    it('refuses a PATCH carrying anything but the role', async () => {
      const owner = await signUp(t.http);
      const agent = await addMember(t.http, owner, 'agent');
      const response = await t.http
        .patch(`${API}/users/${agent.userId}`)
        .set(bearer(owner))
        .send({ role: 'viewer', email: 'hijack@example.test' })
        .expect(400);
      expect(response.body.error.details[0]).toMatchObject({ field: 'email' });
      const unchanged = await t.http.get(`${API}/users/${agent.userId}`).set(bearer(owner)).expect(200);
      expect(unchanged.body.data).toMatchObject({ email: agent.email, role: 'agent' });
    });
  });

  describe('the last owner', () => {
    it('cannot be demoted or removed (409), until there is another owner', async () => {
      const owner = await signUp(t.http);
      const demote = await t.http
        .patch(`${API}/users/${owner.userId}`)
        .set(bearer(owner))
        .send({ role: 'admin' })
        .expect(409);
      expect(demote.body.error.code).toBe('CONFLICT');
      await t.http.delete(`${API}/users/${owner.userId}`).set(bearer(owner)).expect(409);

      const second = await addMember(t.http, owner, 'owner');
      await t.http
        .patch(`${API}/users/${owner.userId}`)
        .set(bearer(owner))
        .send({ role: 'admin' })
        .expect(200);
      await t.http.delete(`${API}/users/${second.userId}`).set(bearer(second)).expect(409);
    });

    it('survives two owners removing each other at the same time', async () => {
      const owner = await signUp(t.http);
      const second = await addMember(t.http, owner, 'owner');
      const results = await Promise.all([
        t.http.delete(`${API}/users/${second.userId}`).set(bearer(owner)),
        t.http.delete(`${API}/users/${owner.userId}`).set(bearer(second)),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([204, 409]);
    });
  });
});
