import { ulid } from 'ulid';

/** The type prefixes of api.md. Ids are `<prefix>_<ULID>`: opaque, unique, and sortable by creation time. */
export const ID_PREFIXES = [
  'org',
  'usr',
  'prj',
  'rec',
  'ana',
  'prf',
  'alr',
  'alv',
  'whk',
  'dlv',
  'cli',
  'trb',
  'con',
  'nte',
  'tag',
  'ann',
  'upl',
  'evt',
  'rev',
  'mbr',
  'inv',
  'use',
  'crd',
  'trs',
  'tre',
] as const;

export type IdPrefix = (typeof ID_PREFIXES)[number];

const ULID_PATTERN = '[0-9A-HJKMNP-TV-Z]{26}';

export const newId = (prefix: IdPrefix): string => `${prefix}_${ulid()}`;

export const isIdOf = (prefix: IdPrefix, value: unknown): value is string =>
  typeof value === 'string' && new RegExp(`^${prefix}_${ULID_PATTERN}$`).test(value);
