/**
 * Every migration, in order. Migrations are reviewed code: one file per change, named
 * `<unix-ms>-<context>-<what>.ts`, never edited after it has shipped.
 */
export const MIGRATIONS: Function[] = [];
