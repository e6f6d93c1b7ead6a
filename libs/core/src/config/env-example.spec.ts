import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from './app-config';

describe('.env.example', () => {
  const lines = readFileSync(join(__dirname, '..', '..', '..', '..', '.env.example'), 'utf8').split('\n');
  const listed = new Map(
    lines
      .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
  );

  it('lists every setting AppConfig reads', () => {
    expect([...listed.keys()].sort()).toEqual(Object.keys(new AppConfig()).sort());
  });

  it('shows each default as AppConfig has it', () => {
    const defaults = new AppConfig() as unknown as Record<string, unknown>;
    for (const [key, value] of listed) {
      const expected = defaults[key];
      expect(`${key}=${value}`).toBe(`${key}=${expected === undefined ? '' : String(expected)}`);
    }
  });
});
