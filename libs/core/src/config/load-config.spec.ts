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
