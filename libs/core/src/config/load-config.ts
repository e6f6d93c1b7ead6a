import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { AppConfig } from './app-config';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const describe = (error: ValidationError): string => {
  const shown = error.property.match(/SECRET|PASSWORD|KEY|TOKEN/) ? '(hidden)' : JSON.stringify(error.value);
  const reasons = Object.values(error.constraints ?? {}).join('; ');
  return `${error.property}=${shown}: ${reasons}`;
};

/** Reads the settings from an environment-like record, fills defaults, and refuses bad values naming each key. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const known = new Set(Object.keys(new AppConfig()));
  const relevant = Object.fromEntries(Object.entries(defined).filter(([k]) => known.has(k)));
  // The default public address is the one the server listens on: with PORT=4102 links point at 4102.
  if (relevant.PUBLIC_URL === undefined && relevant.PORT !== undefined)
    relevant.PUBLIC_URL = `http://localhost:${relevant.PORT}`;
  const config = plainToInstance(AppConfig, relevant, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigError(errors.map(describe));
  return Object.freeze(config) as AppConfig;
}
