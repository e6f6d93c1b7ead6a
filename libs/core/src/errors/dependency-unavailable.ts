/** A service the request or job needs, when it cannot be reached. */
export type Dependency = 'database' | 'redis';

/** Raised where Parley itself notices a dependency is out of reach (e.g. a queue write that does not return). */
export class DependencyUnavailableError extends Error {
  constructor(
    readonly dependency: Dependency,
    message: string,
  ) {
    super(message);
    this.name = 'DependencyUnavailableError';
  }
}

/** PostgreSQL SQLSTATEs of a server going away or not taking connections (class 08, 57P0x, too many clients). */
const DATABASE_CODES = new Set([
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);
const DATABASE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
  /Client has encountered a connection error/i,
];
const REDIS_MESSAGES = [/Connection is closed/i, /max retries per request/i, /Stream isn't writeable/i];

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  port?: number;
  cause?: unknown;
  driverError?: unknown;
}

/**
 * Which dependency an error says is out of reach, or null for any other error. Walks `cause` and TypeORM's
 * `driverError`. A refused connection is told apart by its port when it has one (6379 is Redis); without one it is
 * the database's, the dependency every request and stage touches first.
 */
export function unavailableDependency(error: unknown, depth = 0): Dependency | null {
  if (!error || typeof error !== 'object' || depth > 5) return null;
  if (error instanceof DependencyUnavailableError) return error.dependency;
  const e = error as ErrorLike;
  const message = e.message ?? '';
  if (e.name === 'MaxRetriesPerRequestError' || REDIS_MESSAGES.some((pattern) => pattern.test(message)))
    return 'redis';
  if ((e.code && DATABASE_CODES.has(e.code)) || DATABASE_MESSAGES.some((pattern) => pattern.test(message)))
    return 'database';
  if (e.code && NETWORK_CODES.has(e.code)) return e.port === 6379 ? 'redis' : 'database';
  return unavailableDependency(e.driverError, depth + 1) ?? unavailableDependency(e.cause, depth + 1);
}
