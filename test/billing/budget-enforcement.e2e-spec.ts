import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module';
import { newId } from '@app/core';
import { DatabaseService } from '@app/database';
import { BillingService } from '@app/billing';
import { bearer, signUp, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { createTestApp, TestApp } from '../support/test-app';
import { readFileSync } from 'node:fs';
import {
  API,
  createProject,
  multipartBody,
  rawPost,
  recordCount,
  storedFiles,
  upload,
} from '../records/records-helpers';

const tusMetadata = (values: Record<string, string>) =>
  Object.entries(values)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');

describe('budget enforcement on the routes that start work', () => {
  const corpus = loadCorpus();
  const call = corpus.file(corpus.ids[0], 'wav');
  let t: TestApp;

  beforeAll(async () => {
    // the API alone: no worker starts transcribing the accepted uploads while the test closes
    t = await createTestApp({ module: ApiModule, listen: true });
  });
  afterAll(() => t.close());

  /** Bills 6 minutes (12 cents) in a transaction of its own, as a finished transcription would. */
  const billSixMinutes = (owner: TestUser) =>
    t.app.get(DatabaseService, { strict: false }).transaction((manager) =>
      t.app.get(BillingService, { strict: false }).recordUsage(manager, {
        orgId: owner.orgId,
        recordId: newId('rec'),
        projectId: newId('prj'),
        stage: 'transcription',
        version: 1,
        durationSeconds: 342.5,
      }),
    );
  const setBudget = (owner: TestUser, budgetLimit: number | null) =>
    t.http.patch(`${API}/billing/budget/${owner.orgId}`).set(bearer(owner)).send({ budgetLimit }).expect(200);
  const expectBudgetExceeded = (response: { status: number; body: { error?: { code: string } } }) =>
    expect({ status: response.status, code: response.body.error?.code }).toEqual({
      status: 402,
      code: 'BUDGET_EXCEEDED',
    });

  it('answers 402 BUDGET_EXCEEDED to uploads, signed uploads, tus, ingests and transcribes once the month reached the budget', async () => {
    const owner = await signUp(t.http);
    const bystander = await signUp(t.http);
    const projectId = await createProject(t, owner);
    await setBudget(owner, 0.2);
    await billSixMinutes(owner);
    expect((await upload(t, owner, projectId, call)).status).toBe(201); // 0.12 of 0.20 spent
    await billSixMinutes(owner); // 0.24: reached
    const filesBefore = storedFiles(t.storageDir);
    const recordsBefore = await recordCount(t, owner);

    // refused before the body is read: a client still sending the file sees the answer, not a broken pipe
    const multipart = multipartBody({ projectId }, readFileSync(call));
    expectBudgetExceeded(
      await rawPost(
        `${t.url}${API}/records/upload`,
        { ...bearer(owner), 'Content-Type': multipart.contentType },
        multipart.body,
      ),
    );
    expectBudgetExceeded(
      await t.http
        .post(`${API}/records/uploads`)
        .set(bearer(owner))
        .send({ projectId, fileName: 'call.wav', contentType: 'audio/wav', sizeBytes: 1000 }),
    );
    expectBudgetExceeded(
      await t.http
        .post(`${API}/records/ingest`)
        .set(bearer(owner))
        .send({ projectId, audioUrl: 'https://example.com/call.mp3' }),
    );
    expectBudgetExceeded(
      await t.http
        .post(`${API}/tus`)
        .set(bearer(owner))
        .set('Tus-Resumable', '1.0.0')
        .set('Upload-Length', '1000')
        .set('Upload-Metadata', tusMetadata({ projectId, filename: 'call.wav' })),
    );
    const contact = await t.http
      .post(`${API}/contacts`)
      .set(bearer(owner))
      .send({ displayName: 'Jane Doe' })
      .expect(201);
    expectBudgetExceeded(
      await t.http
        .post(`${API}/transcribes`)
        .set(bearer(owner))
        .send({ contact: contact.body.data.id, contents: [{ timestamp: 0, author: 'Jane', text: 'Hello' }] }),
    );
    // nothing was created or stored by the refused calls
    expect(await recordCount(t, owner)).toBe(recordsBefore);
    expect(storedFiles(t.storageDir)).toEqual(filesBefore);

    // exactly one event for the period, however many calls were refused
    const events = await t.app
      .get(DataSource)
      .query(`SELECT dedupe_key FROM outbox_events WHERE org_id = $1 AND type = 'billing.budget_exceeded'`, [
        owner.orgId,
      ]);
    expect(events).toHaveLength(1);

    // another organisation is not affected
    expect((await upload(t, bystander, await createProject(t, bystander), call)).status).toBe(201);

    // raising the budget lets uploads in again
    await setBudget(owner, 10);
    expect((await upload(t, owner, projectId, call)).status).toBe(201);
  });
});
