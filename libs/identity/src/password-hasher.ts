import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 64;
const SALT_LENGTH = 16;
/** N=2^15, r=8, p=1: about 32 MiB and tens of milliseconds per hash, the OWASP floor for scrypt. */
const LOG2_COST = 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;

function derive(password: string, salt: Buffer, log2Cost: number, blockSize: number, parallelism: number) {
  const options: ScryptOptions = {
    N: 2 ** log2Cost,
    r: blockSize,
    p: parallelism,
    maxmem: 256 * 2 ** log2Cost * blockSize,
  };
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>`: parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, LOG2_COST, BLOCK_SIZE, PARALLELISM);
  return ['scrypt', LOG2_COST, BLOCK_SIZE, PARALLELISM, salt.toString('base64'), key.toString('base64')].join(
    '$',
  );
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [log2Cost, blockSize, parallelism] = parts.slice(1, 4).map(Number);
  if (![log2Cost, blockSize, parallelism].every(Number.isInteger) || log2Cost > 20) return false;
  const expected = Buffer.from(parts[5], 'base64');
  const actual = await derive(password, Buffer.from(parts[4], 'base64'), log2Cost, blockSize, parallelism);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;

/**
 * A login for an unknown email still verifies against this hash, so it costs the same time as a wrong password
 * and the answer cannot tell whether the address has an account.
 */
export const dummyPasswordHash = (): Promise<string> =>
  (dummy ??= hashPassword(randomBytes(16).toString('hex')));
