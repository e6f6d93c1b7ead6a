import { uuidOf } from '@app/core';
import { DataSource } from 'typeorm';
import { bearer, serviceToken, signUp, TestUser } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';
import { RECHAT_CREATE_BODY, RECHAT_TRANSCRIBE_EXAMPLE } from './rechat-examples';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A value of the same JSON kind as the document's example (UUIDs stay UUIDs, numbers numbers, nulls null). */
function sameKind(example: unknown, actual: unknown, path = 'data'): string[] {
  if (example === null)
    return actual === null ? [] : [`${path}: expected null, got ${JSON.stringify(actual)}`];
  if (Array.isArray(example)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array`];
    return actual.flatMap((item, i) => sameKind(example[0], item, `${path}[${i}]`));
  }
  if (typeof example === 'object') {
    if (typeof actual !== 'object' || actual === null) return [`${path}: expected an object`];
    return Object.entries(example).flatMap(([key, value]) =>
      sameKind(value, (actual as Record<string, unknown>)[key], `${path}.${key}`),
    );
  }
  if (typeof example === 'string' && UUID.test(example))
    return typeof actual === 'string' && UUID.test(actual)
      ? []
      : [`${path}: expected a UUID, got ${String(actual)}`];
  return typeof actual === typeof example
    ? []
    : [`${path}: expected a ${typeof example}, got ${String(actual)}`];
}

describe('compat: Rechat transcribes (seed 004)', () => {
  let t: TestApp;
  let owner: TestUser;
  let brand: string;
  const base = () => `/compat/rechat/brands/${brand}/transcribes`;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
    brand = (await t.http.get('/api/v1/auth/me').set(bearer(owner)).expect(200)).body.data.organization
      .brandId;
    expect(brand).toMatch(UUID);
  });
  afterAll(() => t.close());

  it("creates the document's example transcribe as written and answers in Rechat's shape", async () => {
    const started = Date.now() / 1000;
    const created = await t.http
      .post(`${base()}?associations=transcribe.contact,transcribe.entries`)
      .set(bearer(owner))
      .send({ ...RECHAT_CREATE_BODY, source: 'rechat-web' }); // an unknown field, as seed clients send
    expect(created.status).toBe(200);
    expect(created.body.code).toBe('OK');
    const data = created.body.data;
    expect(sameKind(RECHAT_TRANSCRIBE_EXAMPLE, data)).toEqual([]);
    expect(data).toMatchObject({ brand, type: 'transcribe', deleted_at: null, updated_by: null });
    expect(data.created_at).toBeGreaterThanOrEqual(Math.floor(started) - 1);
    expect(data.created_at).toBeLessThan(started + 60);
    expect(
      data.entries.map((e: Record<string, unknown>) => ({
        timestamp: e.timestamp,
        author: e.author,
        text: e.text,
        transcribe: e.transcribe,
        type: e.type,
      })),
    ).toEqual(
      RECHAT_CREATE_BODY.contents.map((c) => ({ ...c, transcribe: data.id, type: 'transcribe_entry' })),
    );
    // The contact Parley did not know is kept under Rechat's own UUID.
    expect(data.contact).toMatchObject({ id: RECHAT_CREATE_BODY.contact, type: 'contact', brand });

    const again = await t.http.post(base()).set(bearer(owner)).send(RECHAT_CREATE_BODY).expect(200);
    expect(again.body.data.contact).toBe(RECHAT_CREATE_BODY.contact);
  });

  it('lists most recent first with entries, filters by contact, and gets one with or without its contact', async () => {
    const contactResponse = await t.http
      .post('/api/v1/contacts')
      .set(bearer(owner))
      .send({ displayName: 'Johnny', firstName: 'John', lastName: 'Doe', email: 'john@example.com' })
      .expect(201);
    const empty = await t.http
      .post(base())
      .set(bearer(owner))
      .send({ contact: RECHAT_CREATE_BODY.contact, contents: [] });
    expect(empty.status).toBe(200);
    expect(empty.body.data.entries).toBeNull();
    // A Parley contact is known to Rechat clients by the UUID form of its id.
    const parleyContact = contactResponse.body.data as { id: string };
    const listedForJohnny = await t.http.get(base()).set(bearer(owner)).expect(200);
    expect(listedForJohnny.body).toMatchObject({ code: 'OK', info: { count: 3, total: 3 } });
    expect(listedForJohnny.body.data[0].id).toBe(empty.body.data.id);
    expect(listedForJohnny.body.data[1].entries).toHaveLength(3);
    const createdAt = listedForJohnny.body.data.map((item: { created_at: number }) => item.created_at);
    expect(createdAt).toEqual([...createdAt].sort((a, b) => b - a));

    const byContact = await t.http
      .get(base())
      .query({ contact: RECHAT_CREATE_BODY.contact })
      .set(bearer(owner));
    expect(byContact.body.info.count).toBe(3);
    const nobody = await t.http
      .get(base())
      .query({ contact: '3039748d-aeb9-4d2d-907d-d010c2f055fd' })
      .set(bearer(owner));
    expect(nobody.body).toEqual({ code: 'OK', data: [], info: { count: 0, total: 0 } });
    const paged = await t.http.get(base()).query({ start: 1, limit: 1 }).set(bearer(owner)).expect(200);
    expect(paged.body.data.map((item: { id: string }) => item.id)).toEqual([listedForJohnny.body.data[1].id]);
    expect(paged.body.info).toEqual({ count: 1, total: 3 });

    const id = listedForJohnny.body.data[1].id as string;
    const plain = await t.http.get(`${base()}/${id}`).set(bearer(owner)).expect(200);
    expect(plain.body.data.contact).toBe(RECHAT_CREATE_BODY.contact);
    const withContact = await t.http
      .get(`${base()}/${id}`)
      .query({ associations: 'transcribe.contact' })
      .set(bearer(owner))
      .expect(200);
    expect(withContact.body.data.contact).toMatchObject({ id: RECHAT_CREATE_BODY.contact, type: 'contact' });

    const known = await t.http
      .post(`${base()}?associations=transcribe.contact`)
      .set(bearer(owner))
      .send({ contact: uuidOf(parleyContact.id), contents: RECHAT_CREATE_BODY.contents })
      .expect(200);
    expect(known.body.data.contact).toMatchObject({
      display_name: 'Johnny',
      first_name: 'John',
      last_name: 'Doe',
      email: 'john@example.com',
      emails: ['john@example.com'],
      type: 'contact',
    });
  });

  it('soft-deletes: 204, then 404 in Rechat shape, and the record stays restorable', async () => {
    const created = await t.http.post(base()).set(bearer(owner)).send(RECHAT_CREATE_BODY).expect(200);
    const id = created.body.data.id as string;
    await t.http.delete(`${base()}/${id}`).set(bearer(owner)).expect(204);
    const gone = await t.http.get(`${base()}/${id}`).set(bearer(owner));
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ http: 404, code: 'ResourceNotFound' });
    const [row] = await t.app
      .get(DataSource)
      .query(
        `SELECT t.deleted_at IS NOT NULL AS hidden, r.deleted_at IS NOT NULL AS record_hidden FROM transcribes t JOIN records r ON r.id = t.record_id WHERE t.org_id = $1 ORDER BY t.created_at DESC LIMIT 1`,
        [owner.orgId],
      );
    expect(row).toEqual({ hidden: true, record_hidden: true });
  });

  it("answers another organisation's brand and transcribes with 404, and bad input with a 400, in Rechat's shape", async () => {
    const outsider = await signUp(t.http);
    const theirBrand = (await t.http.get('/api/v1/auth/me').set(bearer(outsider))).body.data.organization
      .brandId;
    const theirs = await t.http
      .post(`/compat/rechat/brands/${theirBrand}/transcribes`)
      .set(bearer(outsider))
      .send(RECHAT_CREATE_BODY)
      .expect(200);

    const foreignBrand = await t.http
      .get(`/compat/rechat/brands/${theirBrand}/transcribes`)
      .set(bearer(owner));
    expect(foreignBrand.status).toBe(404);
    expect(foreignBrand.body).toEqual({ http: 404, code: 'ResourceNotFound', message: 'Brand not found' });
    const foreignTranscribe = await t.http.get(`${base()}/${theirs.body.data.id}`).set(bearer(owner));
    expect(foreignTranscribe.status).toBe(404);
    // The same contact UUID in two brands is two contacts: the outsider's conversation is not ours.
    const ours = await t.http.get(base()).query({ contact: RECHAT_CREATE_BODY.contact }).set(bearer(owner));
    expect(ours.body.data.map((item: { id: string }) => item.id)).not.toContain(theirs.body.data.id);

    const before = (await t.http.get(base()).set(bearer(owner))).body.info.total;
    const cases: Array<[object, RegExp]> = [
      [{ ...RECHAT_CREATE_BODY, contents: [{ timestamp: 0, author: 'Agent' }] }, /contents\[0\]\.text/],
      [{ contact: 'Johnny', contents: [] }, /contact must be a UUID/],
      [{ contact: RECHAT_CREATE_BODY.contact }, /contents must be an array/],
    ];
    for (const [body, message] of cases) {
      const refused = await t.http.post(base()).set(bearer(owner)).send(body);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        http: 400,
        code: 'Validation',
        message: expect.stringMatching(message),
      });
    }
    expect((await t.http.get(base()).set(bearer(owner))).body.info.total).toBe(before);

    const anonymous = await t.http.get(base());
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ http: 401, code: 'Unauthorized' });
    const writerOnly = await serviceToken(t.http, owner, ['alerts.write']);
    const refused = await t.http.get(base()).set(bearer(writerOnly));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('Forbidden');
  });
});
