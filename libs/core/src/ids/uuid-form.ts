import { ulidToUUID, uuidToULID } from 'ulid';
import type { IdPrefix } from './ids';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/**
 * The UUID form of a Parley id, for the seed systems whose clients expect UUIDs (Rechat's brands, transcribes and
 * contacts): a ULID and a UUID are both 128 bits, so the mapping is exact both ways and needs no table.
 */
export const uuidOf = (id: string): string => ulidToUUID(id.slice(id.indexOf('_') + 1)).toLowerCase();

/** The Parley id of a UUID (see uuidOf); null when it is not a UUID. */
export const idOfUuid = (prefix: IdPrefix, uuid: string): string | null =>
  isUuid(uuid) ? `${prefix}_${uuidToULID(uuid.toUpperCase())}` : null;
