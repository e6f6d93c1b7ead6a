import { bearer, signUp, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { createTestApp, TestApp } from '../support/test-app';
import { waitForRecord } from '../pipeline/pipeline-helpers';
import { API, createProject, upload } from './records-helpers';

type Customer = { id: string; externalId: string };

describe('CRM linking (api.md "CRM linking")', () => {
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;
  const customers: Record<string, string> = {};

  const corpus = loadCorpus({ rate: 16000, formats: ['wav'] });
  const call = async (metadata: object) => {
    const created = await upload(t, owner, projectId, corpus.file('wrong-number'), { metadata }).expect(201);
    const { record } = await waitForRecord(t, owner, created.body.data.id, 120_000);
    return record as unknown as Record<string, unknown> & { id: string };
  };
  const importCsv = (csv: string, user = owner) =>
    t.http.post(`${API}/crm/customers:import`).set(bearer(user)).set('Content-Type', 'text/csv').send(csv);

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
    projectId = await createProject(t, owner);
  });
  afterAll(() => t.close());

  it('imports customers from CSV, all or nothing, reporting bad rows by number', async () => {
    const broken = await importCsv(
      [
        'name,customerType,externalId,phoneNumbers,emailAddresses',
        'Acme Corp,ACCOUNT,ext-acme,+1 555 010 4567;+1 555 010 4568,ops@acme.example',
        'Broken Ltd,ACCOUNT,ext-broken,call me maybe,',
        'Nobody,PERSON,ext-nobody,,',
      ].join('\n'),
    ).expect(400);
    expect(broken.body.error.message).toContain('Nothing was imported');
    expect(broken.body.error.details.map((d: { field: string }) => d.field)).toEqual([
      'row 3.phoneNumbers',
      'row 4.customerType',
    ]);
    expect((await t.http.get(`${API}/crm/customers`).set(bearer(owner))).body.meta.total).toBe(0);

    const imported = await importCsv(
      [
        'name,customerType,externalId,phoneNumbers,emailAddresses',
        'Acme Corp,ACCOUNT,ext-acme,+1 555 010 4567;+1 555 010 4568,ops@acme.example',
        'Beta Lead,LEAD,ext-beta,+1 555 010 3333,',
        'Twin One,CONTACT,ext-twin-1,+1 555 010 7777,',
        'Twin Two,CONTACT,ext-twin-2,15550107777,',
      ].join('\n'),
    ).expect(200);
    expect(imported.body.data).toEqual({ created: 4, updated: 0, total: 4 });
    // Again, as JSON: an upsert by externalId.
    const again = await t.http
      .post(`${API}/crm/customers:import`)
      .set(bearer(owner))
      .send([
        {
          name: 'Acme Corporation',
          customerType: 'ACCOUNT',
          externalId: 'ext-acme',
          phoneNumbers: ['+1 555 010 4567'],
        },
      ])
      .expect(200);
    expect(again.body.data).toEqual({ created: 0, updated: 1, total: 1 });
    const list = (await t.http.get(`${API}/crm/customers?pageSize=100`).set(bearer(owner))).body
      .data as Customer[];
    for (const customer of list) customers[customer.externalId] = customer.id;
    expect(Object.keys(customers).sort()).toEqual(['ext-acme', 'ext-beta', 'ext-twin-1', 'ext-twin-2']);
  });

  it('links each call to its customer: DIRECT, FUZZY, both candidates when two could be meant, or NOT_FOUND', async () => {
    await t.http
      .post(`${API}/crm/opportunities`)
      .set(bearer(owner))
      .send({
        customerId: customers['ext-acme'],
        externalId: 'deal-1',
        name: 'Renewal',
        amount: 1200,
        disposition: 'OPEN',
      })
      .expect(201);
    await t.http
      .post(`${API}/crm/opportunities`)
      .set(bearer(owner))
      .send({ customerId: customers['ext-acme'], externalId: 'deal-0', name: 'Old deal', disposition: 'WON' })
      .expect(201);

    const direct = await call({ from: { phoneNumber: '15550104567' } });
    expect(direct.crmCustomer).toMatchObject({
      id: customers['ext-acme'],
      name: 'Acme Corporation',
      matchingSource: 'DIRECT',
    });
    expect((direct.crmOpportunities as Array<{ name: string }>).map((o) => o.name)).toEqual(['Renewal']);
    expect(direct.features).toMatchObject({ crmMatch: { status: 'ok' } });

    const fuzzy = await call({ customerPhone: '(555) 010-3333' });
    expect(fuzzy.crmCustomer).toMatchObject({ id: customers['ext-beta'], matchingSource: 'FUZZY' });

    const twins = await call({ from: { phoneNumber: '+1 555 010 7777' } });
    expect(twins.crmCustomer).toBeNull();
    expect(twins.crmMatchingSource).toBe('FUZZY');
    expect((twins.crmCandidates as string[]).sort()).toEqual(
      [customers['ext-twin-1'], customers['ext-twin-2']].sort(),
    );

    const stranger = await call({ from: { phoneNumber: '+1 555 010 0000' } });
    expect(stranger).toMatchObject({ crmCustomer: null, crmMatchingSource: 'NOT_FOUND' });

    // Linked by hand: MANUAL, and the customer's calls list it.
    const linked = await t.http
      .patch(`${API}/records/${twins.id}`)
      .set(bearer(owner))
      .send({ crmCustomerId: customers['ext-twin-2'] })
      .expect(200);
    expect(linked.body.data.crmCustomer).toMatchObject({
      id: customers['ext-twin-2'],
      matchingSource: 'MANUAL',
    });
    const calls = await t.http
      .get(`${API}/crm/customers/${customers['ext-twin-2']}/records`)
      .set(bearer(owner))
      .expect(200);
    expect(calls.body.data.map((r: { id: string }) => r.id)).toEqual([twins.id]);
  }, 240_000);

  it('refuses bad input with a 4xx naming the field, and another organisation gets a 404', async () => {
    const bad = await t.http
      .post(`${API}/crm/customers`)
      .set(bearer(owner))
      .send({ name: 'X', customerType: 'ACCOUNT', externalId: 'x', phoneNumbers: ['not a number'] })
      .expect(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('phoneNumbers');
    await t.http
      .post(`${API}/crm/customers`)
      .set(bearer(owner))
      .send({ name: 'Dup', customerType: 'ACCOUNT', externalId: 'ext-acme' })
      .expect(400);
    await importCsv('name,customerType\n"unterminated,ACCOUNT').expect(400);
    await t.http.post(`${API}/crm/customers:import`).set(bearer(owner)).send([]).expect(400);
    const other = await signUp(t.http);
    await t.http.get(`${API}/crm/customers/${customers['ext-acme']}`).set(bearer(other)).expect(404);
    const theirs = await t.http
      .post(`${API}/crm/customers`)
      .set(bearer(other))
      .send({ name: 'Theirs', customerType: 'LEAD', externalId: 'theirs' })
      .expect(201);
    const [record] = (await t.http.get(`${API}/records`).set(bearer(owner))).body.data;
    await t.http
      .patch(`${API}/records/${record.id}`)
      .set(bearer(owner))
      .send({ crmCustomerId: theirs.body.data.id })
      .expect(400);
  });
});
