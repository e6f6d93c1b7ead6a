import { randomFillSync } from 'node:crypto';
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
  'fup',
  'fuh',
  'rsc',
  'aud',
  'rtp',
  'era',
  'crm',
  'opp',
] as const;

export type IdPrefix = (typeof ID_PREFIXES)[number];

const ULID_PATTERN = '[0-9A-HJKMNP-TV-Z]{26}';

export const newId = (prefix: IdPrefix): string => `${prefix}_${ulid(undefined, pooledRandom)}`;

/**
 * ulid's own generator asks the operating system for one random byte per character (16 calls per id), which made
 * id generation a measurable share of a busy worker's time. This one draws the same bytes from the same CSPRNG,
 * a pool at a time, and maps them the way ulid does (byte / 256).
 */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;
function pooledRandom(): number {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  return pool[poolOffset++] / 256;
}

export const isIdOf = (prefix: IdPrefix, value: unknown): value is string =>
  typeof value === 'string' && new RegExp(`^${prefix}_${ULID_PATTERN}$`).test(value);
