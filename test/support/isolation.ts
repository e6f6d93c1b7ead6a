import { signUp, bearer, TestUser } from './auth';
import { createTestApp, TestApp, TestAppOptions } from './test-app';

type Http = TestApp['http'];
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `[method, path, body?]`; path params (`:id`, `:noteId`, ...) are filled from what `create` returns. */
export type IsolationRoute = [method: Method, path: string, body?: object];

export interface IsolationRow {
  /** What the id names, e.g. 'user', 'record'. */
  name: string;
  /**
   * Creates one resource in the owner's organisation (a fresh one per check) and returns its id, or the values
   * of every path param (`{ id, noteId }`).
   */
  create: (http: Http, owner: TestUser) => Promise<string | Record<string, string>>;
  routes: IsolationRoute[];
}

const API = '/api/v1';

function fill(path: string, params: Record<string, string>): string {
  return `${API}${path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`isolation: create() returned no value for :${name} of ${path}`);
    return encodeURIComponent(params[name]);
  })}`;
}

function call(http: Http, [method, path, body]: IsolationRoute, params: Record<string, string>) {
  const url = fill(path, params);
  const request =
    method === 'GET'
      ? http.get(url)
      : method === 'POST'
        ? http.post(url)
        : method === 'PUT'
          ? http.put(url)
          : method === 'PATCH'
            ? http.patch(url)
            : http.delete(url);
  return body === undefined ? request : request.send(body);
}

/**
 * The tenant isolation matrix: two organisations; for every row and route, the resource's own organisation gets
 * a 2xx, the other organisation a 404 (never a 403 that confirms the id exists) and no token a 401. Each check
 * works on a resource of its own, and after the other organisation's attempt the resource must be unchanged
 * (its GET route, when the row has one, still answers the same body).
 *
 * A context adds its routes in its own spec file, e.g. test/isolation/records.e2e-spec.ts:
 *   describeIsolation('records', [{ name: 'record', create: ..., routes: [['GET', '/records/:id'], ...] }]);
 */
export function describeIsolation(title: string, rows: IsolationRow[], options: TestAppOptions = {}): void {
  describe(`tenant isolation: ${title}`, () => {
    let t: TestApp;
    let owner: TestUser;
    let outsider: TestUser;

    beforeAll(async () => {
      t = await createTestApp(options);
      owner = await signUp(t.http);
      outsider = await signUp(t.http);
    });
    afterAll(() => t.close());

    const fresh = async (row: IsolationRow) => {
      const created = await row.create(t.http, owner);
      return typeof created === 'string' ? { id: created } : created;
    };

    for (const row of rows) {
      const read = row.routes.find(([method, path]) => method === 'GET' && path === row.routes[0][1]);
      for (const route of row.routes) {
        const label = `${row.name}: ${route[0]} ${route[1]}`;

        it(`${label} without a token → 401`, async () => {
          const params = await fresh(row);
          const response = await call(t.http, route, params);
          expect({ status: response.status, code: response.body?.error?.code }).toEqual({
            status: 401,
            code: 'UNAUTHENTICATED',
          });
        });

        it(`${label} from another organisation → 404, resource untouched`, async () => {
          const params = await fresh(row);
          const before = read ? await call(t.http, read, params).set(bearer(owner)) : undefined;
          const response = await call(t.http, route, params).set(bearer(outsider));
          expect({ status: response.status, code: response.body?.error?.code }).toEqual({
            status: 404,
            code: 'NOT_FOUND',
          });
          if (read && before) {
            const after = await call(t.http, read, params).set(bearer(owner));
            expect(after.status).toBe(before.status);
            expect(after.body).toEqual(before.body);
          }
        });

        it(`${label} in its own organisation → 2xx`, async () => {
          const params = await fresh(row);
          const response = await call(t.http, route, params).set(bearer(owner));
          if (response.status < 200 || response.status > 299)
            throw new Error(
              `${label}: expected 2xx, got ${response.status} ${JSON.stringify(response.body)}`,
            );
        });
      }
    }
  });
}
