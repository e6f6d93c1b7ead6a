/**
 * A typed client of the Parley API: `schema.ts` is generated from the OpenAPI document by openapi-typescript (see
 * test/platform/openapi.e2e-spec.ts, which regenerates it and fails when it is stale: `npm run client:generate`),
 * and openapi-fetch turns it into calls whose paths, parameters, bodies and answers are checked by the compiler.
 */
import createClient, { type ClientOptions, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, paths };
export type Schemas = components['schemas'];

export interface ParleyClientOptions extends ClientOptions {
  /** The server's address, e.g. `https://parley.example.com` (paths start with /api/v1). */
  baseUrl: string;
  /** A bearer token (a user's access token, or an API client's from POST /oauth/token). */
  accessToken?: string | (() => string | undefined);
}

export function createParleyClient({ accessToken, ...options }: ParleyClientOptions) {
  const client = createClient<paths>(options);
  if (accessToken !== undefined) {
    const bearer: Middleware = {
      onRequest({ request }) {
        const token = typeof accessToken === 'function' ? accessToken() : accessToken;
        if (token) request.headers.set('Authorization', `Bearer ${token}`);
        return request;
      },
    };
    client.use(bearer);
  }
  return client;
}

export type ParleyClient = ReturnType<typeof createParleyClient>;
