import { randomBytes } from 'node:crypto';
import type { Role, Scope } from '@app/core';
import type { TestApp } from './test-app';

/** A signed-in person of a test organisation, with what it took to sign in. */
export interface TestUser {
  accessToken: string;
  refreshToken: string;
  userId: string;
  orgId: string;
  email: string;
  password: string;
  role: Role;
}

type Http = TestApp['http'];

const API = '/api/v1';

const unique = () => randomBytes(6).toString('hex');

export const bearer = (who: { accessToken: string } | string) => ({
  Authorization: `Bearer ${typeof who === 'string' ? who : who.accessToken}`,
});

function expectStatus(response: { status: number; body: unknown }, status: number, what: string): void {
  if (response.status !== status)
    throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
}

/** POST /auth/signup with a unique email: a fresh organisation whose owner is the returned user. */
export async function signUp(
  http: Http,
  overrides: Partial<{ email: string; password: string; name: string; organizationName: string }> = {},
): Promise<TestUser> {
  const input = {
    email: `owner-${unique()}@example.test`,
    password: `pw-${unique()}-long-enough`,
    name: 'Test Owner',
    organizationName: `Org ${unique()}`,
    ...overrides,
  };
  const response = await http.post(`${API}/auth/signup`).send(input);
  expectStatus(response, 201, 'signUp');
  const data = response.body.data;
  return {
    accessToken: data.accessToken,
    refreshToken: data.refreshToken,
    userId: data.user.id,
    orgId: data.organization.id,
    email: data.user.email,
    password: input.password,
    role: 'owner',
  };
}

/** Invites a new person with `role` into admin's organisation and accepts the invite: the member, logged in there. */
export async function addMember(http: Http, admin: TestUser, role: Role): Promise<TestUser> {
  const email = `${role}-${unique()}@example.test`;
  const password = `pw-${unique()}-long-enough`;
  const invite = await http.post(`${API}/users/invite`).set(bearer(admin)).send({ email, role });
  expectStatus(invite, 201, 'addMember: invite');
  const accepted = await http
    .post(`${API}/auth/accept-invite`)
    .send({ token: invite.body.data.inviteToken, password, name: `Test ${role}` });
  expectStatus(accepted, 201, 'addMember: accept-invite');
  const data = accepted.body.data;
  return {
    accessToken: data.accessToken,
    refreshToken: data.refreshToken,
    userId: data.user.id,
    orgId: admin.orgId,
    email,
    password,
    role,
  };
}

/** Creates a service client with `scopes` in admin's organisation and returns a client-credentials access token. */
export async function serviceToken(http: Http, admin: TestUser, scopes: Scope[]): Promise<string> {
  const client = await http
    .post(`${API}/clients`)
    .set(bearer(admin))
    .send({ name: `client ${unique()}`, scopes });
  expectStatus(client, 201, 'serviceToken: create client');
  const token = await http.post(`${API}/oauth/token`).type('form').send({
    grant_type: 'client_credentials',
    client_id: client.body.data.clientId,
    client_secret: client.body.data.clientSecret,
  });
  expectStatus(token, 200, 'serviceToken: oauth/token');
  return token.body.access_token as string;
}
