import { createParleyClient, type ParleyClient } from '../../../clients/typescript/src';

/** What a signed-in browser keeps: the session's tokens and the organisation it works in. */
interface StoredSession {
  accessToken: string;
  refreshToken?: string;
  organizationId?: string;
}

const STORAGE_KEY = 'parley.session';

/**
 * The session lives in sessionStorage: one tab's sign-in ends with the tab, and nothing is sent automatically by the
 * browser (no cookie), so there is no cross-site request to forge.
 */
export const sessionStore = {
  read(): StoredSession | null {
    try {
      const raw = sessionStorage.getItem(STORAGE_KEY);
      return raw ? (JSON.parse(raw) as StoredSession) : null;
    } catch {
      return null;
    }
  },
  write(session: StoredSession | null): void {
    if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(STORAGE_KEY);
  },
};

/** The API error envelope's message, or a plain one when the answer had none (a network failure). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer, or an ApiError carrying the envelope's code and message. */
export function ok<T>(answer: Answer<T>): T {
  if (answer.response.ok && answer.data !== undefined) return answer.data;
  const envelope = answer.error as { error?: { code?: string; message?: string } } | undefined;
  throw new ApiError(
    answer.response.status,
    envelope?.error?.code ?? 'UNKNOWN',
    envelope?.error?.message ?? `The server answered ${answer.response.status}`,
  );
}

let refreshing: Promise<boolean> | null = null;

/** Trades the refresh token for a new pair once, however many requests found the access token expired. */
async function refreshSession(): Promise<boolean> {
  const stored = sessionStore.read();
  if (!stored?.refreshToken) return false;
  refreshing ??= fetch('/api/v1/auth/refresh', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken: stored.refreshToken }),
  })
    .then(async (response) => {
      if (!response.ok) return false;
      const body = (await response.json()) as { data: { accessToken: string; refreshToken?: string } };
      sessionStore.write({
        ...stored,
        accessToken: body.data.accessToken,
        refreshToken: body.data.refreshToken,
      });
      return true;
    })
    .catch(() => false)
    .finally(() => (refreshing = null));
  return refreshing;
}

/** Called when the session cannot be renewed; the app shows the sign-in page. */
let onSignedOut: () => void = () => undefined;
export const setSignedOutHandler = (handler: () => void) => (onSignedOut = handler);

/**
 * The generated client, with the session's bearer token and selected organisation on every request. A 401 renews the
 * session once and repeats the request; a second 401 signs the user out.
 */
export const api: ParleyClient = createParleyClient({
  baseUrl: '',
  fetch: async (input: Request) => {
    const retry = input.clone();
    const response = await fetch(withSession(input));
    if (response.status !== 401 || !sessionStore.read()?.refreshToken) return response;
    if (await refreshSession()) {
      const repeated = await fetch(withSession(retry));
      if (repeated.status !== 401) return repeated;
    }
    sessionStore.write(null);
    onSignedOut();
    return response;
  },
});

function withSession(request: Request): Request {
  const stored = sessionStore.read();
  if (!stored) return request;
  const headers = new Headers(request.headers);
  headers.set('Authorization', `Bearer ${stored.accessToken}`);
  if (stored.organizationId) headers.set('X-Selected-Org-ID', stored.organizationId);
  return new Request(request, { headers });
}
