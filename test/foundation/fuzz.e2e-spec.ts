import { COMPAT_ERROR_SHAPES } from '../../apps/api/src/compat/compat-errors';
import { ApiModule } from '../../apps/api/src/api.module';
import { bearer, signUp, TestUser } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';
import { createProject } from '../records/records-helpers';

interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  query: string[];
  body: string[];
}

const NUL = 'a\u0000b';
const deep = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};
/** Values that have reached a 500 somewhere before: NUL, huge and odd numbers, wrong types, nesting, long strings. */
const HOSTILE_VALUES: unknown[] = [
  NUL,
  '1e20',
  1e300,
  -1,
  1e20 + 1,
  Number.MAX_SAFE_INTEGER,
  '',
  'x'.repeat(70_000),
  true,
  [],
  [NUL, 1, null],
  {},
  { nested: deep(40) },
  null,
  '../../etc/passwd',
  '2026-13-45T99:99:99Z',
  'rec_00000000000000000000000000',
];
const QUERY_VALUES = [NUL, '1e20', '-1', 'abc', '', '99999999999999999999', '%00', '2026-02-30', 'prj_x'];

/**
 * Every operation of the OpenAPI document, called by a signed-in owner with hostile bodies and queries: whatever
 * comes in, the answer is a 4xx or a success in the envelope, never a 5xx.
 */
/**
 * An error answer in the shape its API promises: api.md's envelope; under /compat/<system>, that system's shape
 * (COMPAT_ERROR_SHAPES); at an OAuth token endpoint, RFC 6749's ({ "error": "invalid_client" }) as well.
 */
function inItsErrorShape(path: string, status: number, body: Record<string, unknown> | undefined): boolean {
  if (!body) return false;
  if (path.includes('/oauth') && typeof body.error === 'string') return true;
  const shape = COMPAT_ERROR_SHAPES.find((candidate) => path.startsWith(candidate.prefix));
  if (!shape) return typeof (body.error as { code?: unknown } | undefined)?.code === 'string';
  const sample = shape.render(status, { code: 'VALIDATION_FAILED', message: 'sample', details: [] })
    .body as object;
  return Object.keys(sample).every((key) => key in body);
}

describe('fuzz: no input reaches a 500', () => {
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;
  const operations: Operation[] = [];

  beforeAll(async () => {
    t = await createTestApp({ module: ApiModule });
    owner = await signUp(t.http);
    projectId = await createProject(t, owner);
    const spec = (await t.http.get('/docs/openapi.json').expect(200)).body as {
      paths: Record<
        string,
        Record<string, { parameters?: Array<{ in: string; name: string }>; requestBody?: unknown }>
      >;
      components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
    };
    for (const [path, methods] of Object.entries(spec.paths)) {
      // tus speaks its own protocol over raw bodies; it has a suite of its own.
      if (path.includes('/tus')) continue;
      for (const [method, operation] of Object.entries(methods)) {
        if (!['get', 'post', 'patch', 'put', 'delete'].includes(method)) continue;
        const query = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        const ref = JSON.stringify(operation.requestBody ?? {}).match(/#\/components\/schemas\/(\w+)/)?.[1];
        const body = Object.keys(spec.components?.schemas?.[ref ?? '']?.properties ?? {});
        operations.push({ method: method as Operation['method'], path, query, body });
      }
    }
  });
  afterAll(() => t.close());

  /** A path with its parameters filled: an id of this organisation's project where one fits, else a hostile value. */
  const fill = (path: string, value: string) =>
    path.replace(/\{(\w+)\}/g, (_, name: string) =>
      name === 'orgId' ? owner.orgId : /project/i.test(name) ? projectId : encodeURIComponent(value),
    );

  it('covers the API', () => {
    expect(operations.length).toBeGreaterThan(60);
  });

  it('answers every operation with hostile bodies, queries and path parameters without a 5xx', async () => {
    const failures: string[] = [];
    const send = async (
      operation: Operation,
      path: string,
      query: Record<string, unknown>,
      body?: unknown,
    ) => {
      const request = t.http[operation.method](path)
        .set(bearer(owner))
        .query(query as object);
      const response = body === undefined ? await request : await request.send(body as object);
      if (response.status >= 500)
        failures.push(
          `${operation.method.toUpperCase()} ${path} ${JSON.stringify(query)} ${JSON.stringify(body)?.slice(0, 120)} → ${response.status} ${JSON.stringify(response.body).slice(0, 160)}`,
        );
      else if (response.status >= 400 && !inItsErrorShape(path, response.status, response.body))
        failures.push(
          `${operation.method.toUpperCase()} ${path} → ${response.status} outside the envelope: ${response.text.slice(0, 120)}`,
        );
    };
    for (const operation of operations) {
      for (const pathValue of ['x', NUL, 'rec_00000000000000000000000000'])
        await send(operation, fill(operation.path, pathValue), {});
      const path = fill(operation.path, 'x');
      for (const name of operation.query)
        for (const value of QUERY_VALUES) await send(operation, path, { [name]: value });
      await send(operation, path, { [`${operation.query[0] ?? 'page'}[nested]`]: 'x', unknownParam: NUL });
      if (operation.method === 'get' || operation.method === 'delete') continue;
      for (const field of [...operation.body, 'unknownField'])
        for (const value of HOSTILE_VALUES) await send(operation, path, {}, { [field]: value });
      await send(operation, path, {}, Object.fromEntries(operation.body.map((field) => [field, NUL])));
      await send(operation, path, {}, deep(100));
      await send(operation, path, {}, [NUL]);
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
