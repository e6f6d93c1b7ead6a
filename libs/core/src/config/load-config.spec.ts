import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('fills every default when nothing is set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/parley');
    expect(config.MIGRATIONS_RUN_AT_START).toBe(true);
  });

  it('converts numbers and booleans from strings', () => {
    const config = loadConfig({ PORT: '8080', MIGRATIONS_RUN_AT_START: 'false' });
    expect(config.PORT).toBe(8080);
    expect(config.MIGRATIONS_RUN_AT_START).toBe(false);
  });

  it('points PUBLIC_URL at the port the server listens on unless it is set', () => {
    expect(loadConfig({ PORT: '4102' }).PUBLIC_URL).toBe('http://localhost:4102');
    expect(loadConfig({ PORT: '4102', PUBLIC_URL: 'https://calls.example.com' }).PUBLIC_URL).toBe(
      'https://calls.example.com',
    );
    expect(loadConfig({}).PUBLIC_URL).toBe('http://localhost:3000');
  });

  it('takes CORS origins as a comma-separated list of http(s) origins', () => {
    expect(
      loadConfig({ CORS_ORIGINS: 'https://a.example.com, http://localhost:5173' }).CORS_ORIGINS,
    ).toBeDefined();
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
  });

  it('refuses bad values and names every bad key', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', MIGRATIONS_RUN_AT_START: 'maybe' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as ConfigError).message;
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('MIGRATIONS_RUN_AT_START');
    expect((caught as ConfigError).problems).toHaveLength(3);
  });

  it('reads optional settings', () => {
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });

  it('ignores variables it does not know', () => {
    expect(() => loadConfig({ HOME: '/root', PATH: '/bin' })).not.toThrow();
  });
});
