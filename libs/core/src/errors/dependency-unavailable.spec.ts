import { QueryFailedError } from 'typeorm';
import { unavailableDependency } from './dependency-unavailable';

const withCode = (message: string, code: string, extra: object = {}) =>
  Object.assign(new Error(message), { code, ...extra });

describe('unavailableDependency', () => {
  it('recognises a database that is down, restarting or refusing connections', () => {
    expect(
      unavailableDependency(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED', { port: 5432 })),
    ).toBe('database');
    expect(unavailableDependency(new Error('Connection terminated unexpectedly'))).toBe('database');
    expect(
      unavailableDependency(
        new QueryFailedError(
          'SELECT 1',
          [],
          withCode('terminating connection due to administrator command', '57P01'),
        ),
      ),
    ).toBe('database');
    expect(
      unavailableDependency(
        new Error('outer', { cause: new Error('timeout exceeded when trying to connect') }),
      ),
    ).toBe('database');
  });

  it('recognises Redis out of reach', () => {
    expect(unavailableDependency(new Error('Connection is closed.'))).toBe('redis');
    expect(
      unavailableDependency(withCode('connect ECONNREFUSED 127.0.0.1:6379', 'ECONNREFUSED', { port: 6379 })),
    ).toBe('redis');
    expect(unavailableDependency(Object.assign(new Error('x'), { name: 'MaxRetriesPerRequestError' }))).toBe(
      'redis',
    );
  });

  it('leaves every other error alone', () => {
    expect(unavailableDependency(new Error('The audio could not be decoded'))).toBeNull();
    expect(
      unavailableDependency(new QueryFailedError('SELECT', [], withCode('duplicate key', '23505'))),
    ).toBeNull();
    expect(unavailableDependency(undefined)).toBeNull();
  });
});
