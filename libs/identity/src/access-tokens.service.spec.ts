import jwt from 'jsonwebtoken';
import { AppError, loadConfig } from '@app/core';
import { AccessTokensService } from './access-tokens.service';

const KEY = 'unit-test-key-unit-test-key-unit-test-key';
const tokens = new AccessTokensService(loadConfig({}), KEY);
const USER = 'usr_01JD0000000000000000000000';
const ORG = 'org_01JD0000000000000000000000';
const CLIENT = 'cli_01JD0000000000000000000000';

const refused = (token: string) => {
  try {
    tokens.verify(token);
  } catch (error) {
    return error instanceof AppError && error.code === 'UNAUTHENTICATED';
  }
  return false;
};

describe('AccessTokensService', () => {
  it('round-trips user and client tokens', () => {
    expect(tokens.verify(tokens.issueForUser(USER, ORG, 'agent'))).toEqual({
      kind: 'user',
      sub: USER,
      org: ORG,
      role: 'agent',
    });
    expect(tokens.verify(tokens.issueForClient(CLIENT, ORG, ['recordings.read', 'billing.read']))).toEqual({
      kind: 'client',
      sub: CLIENT,
      org: ORG,
      scopes: ['recordings.read', 'billing.read'],
    });
  });

  it('refuses a client token carrying an unknown scope, and a user token with a client id', () => {
    const sign = (claims: object) =>
      jwt.sign(claims, KEY, { algorithm: 'HS256', issuer: 'parley', audience: 'parley-api', expiresIn: 60 });
    expect(refused(sign({ sub: CLIENT, org: ORG, scope: 'recordings.read everything' }))).toBe(true);
    expect(refused(sign({ sub: CLIENT, org: ORG, role: 'owner' }))).toBe(true);
    expect(refused(sign({ sub: USER, org: ORG, scope: 'recordings.read' }))).toBe(true);
    expect(refused(sign({ sub: USER, org: ORG, role: 'agent' }))).toBe(false);
  });

  it('refuses HS384 even with the right key: one algorithm only', () => {
    const token = jwt.sign({ sub: USER, org: ORG, role: 'agent' }, KEY, {
      algorithm: 'HS384',
      issuer: 'parley',
      audience: 'parley-api',
      expiresIn: 60,
    });
    expect(refused(token)).toBe(true);
  });
});
