import { bearer, TestUser } from '../support/auth';
import type { TestApp } from '../support/test-app';

type Http = TestApp['http'];
const API = '/api/v1';

export interface Line {
  timestamp: number;
  author: 'Agent' | 'Client';
  text: string;
}

/** A call that passes the default scorecard's compliance criterion (recording disclosure). */
export const COMPLIANT_CALL: Line[] = [
  { timestamp: 0, author: 'Agent', text: 'Good morning, thank you for calling. This call may be recorded.' },
  { timestamp: 6, author: 'Client', text: 'Hi, I was charged twice for my subscription this month.' },
  {
    timestamp: 11,
    author: 'Agent',
    text: 'I am sorry about that. Let me issue a refund for the double charge.',
  },
  { timestamp: 17, author: 'Client', text: 'Thank you, that is great.' },
  {
    timestamp: 20,
    author: 'Agent',
    text: 'Is there anything else I can help you with? Have a great day, goodbye.',
  },
];

/** No disclosure, a rude agent: fails compliance. */
export const NON_COMPLIANT_CALL: Line[] = [
  { timestamp: 0, author: 'Agent', text: 'Yeah, what do you want?' },
  { timestamp: 3, author: 'Client', text: 'My internet has been down for three days and I am furious.' },
  { timestamp: 9, author: 'Agent', text: 'Not my problem, call back later.' },
];

/**
 * Seeds an analysis the way a client does: a typed transcript via POST /transcribes, which the pipeline
 * transcribes (as supplied), analyses and completes. Returns the record and its newest analysis.
 */
export async function analysedCall(
  http: Http,
  user: TestUser,
  contents: Line[] = COMPLIANT_CALL,
  projectId?: string,
): Promise<{ recordId: string; analysis: Record<string, unknown> & { id: string } }> {
  const contact = await http
    .post(`${API}/contacts`)
    .set(bearer(user))
    .send({ displayName: 'Dana Smith' })
    .expect(201);
  const transcribe = await http
    .post(`${API}/transcribes`)
    .set(bearer(user))
    .send({ contact: contact.body.data.id, contents, ...(projectId ? { projectId } : {}) })
    .expect(201);
  const recordId = transcribe.body.data.recordId as string;
  await waitUntilProcessed(http, user, recordId);
  const list = await http.get(`${API}/analyses?recordId=${recordId}`).set(bearer(user)).expect(200);
  return { recordId, analysis: list.body.data[0] };
}

/** Polls GET /records/:id until the pipeline is done with the record; throws unless it completed. */
export async function waitUntilProcessed(http: Http, user: TestUser, recordId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await http.get(`${API}/records/${recordId}`).set(bearer(user)).expect(200);
    const record = response.body.data as { processingStatus: string; qualityScore: number | null };
    if (record.processingStatus === 'completed') return record;
    if (record.processingStatus === 'failed')
      throw new Error(`record ${recordId} failed: ${JSON.stringify(record)}`);
    if (Date.now() > deadline) throw new Error(`record ${recordId} still ${record.processingStatus}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
