import { ApiModule } from '../../apps/api/src/api.module';
import { bearer, signUp } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';
import { analysedCall } from '../analysis-api/analysis-helpers';

/** Every sample line of Prometheus text format: a name, optional labels, a value. */
const SAMPLE =
  /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? -?(?:[0-9.e+-]+|NaN|\+Inf|-Inf)$/;

const valueOf = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

describe('GET /metrics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is Prometheus text with HTTP, job, queue and record series that move with a call, and no ids in labels', async () => {
    const before = (await t.http.get('/metrics').expect(200)).text;
    const owner = await signUp(t.http);
    const { recordId } = await analysedCall(t.http, owner);
    await t.http.get(`/api/v1/records/${recordId}`).set(bearer(owner)).expect(200);
    const response = await t.http.get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.text;
    for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) expect(line).toMatch(SAMPLE);
    const analysed = 'parley_jobs_total{queue="analysis",outcome="completed"}';
    expect(valueOf(text, analysed)).toBeGreaterThan(valueOf(before, analysed));
    expect(text).toMatch(
      /parley_http_requests_total\{method="GET",route="\/api\/v1\/records\/:id",status="200"\} \d+/,
    );
    expect(text).toMatch(/parley_records\{status="completed"\} [1-9]/);
    expect(text).toMatch(/parley_queue_jobs\{queue="analysis",state="waiting"\} \d+/);
    expect(text).toMatch(/parley_job_duration_seconds_count\{queue="analysis"\} [1-9]/);
    expect(text).toMatch(/parley_process_resident_memory_bytes \d+/);
    expect(text).toMatch(/parley_nodejs_eventloop_lag_seconds [0-9.e-]+/);
    expect(text).not.toMatch(/(rec|org|usr)_[0-9A-Z]{26}/);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  let t: TestApp;
  const token = 'a-metrics-token-of-some-length';

  beforeAll(async () => {
    t = await createTestApp({ module: ApiModule, env: { METRICS_TOKEN: token } });
  });
  afterAll(() => t.close());

  it('asks for the token as a bearer token', async () => {
    await t.http.get('/metrics').expect(401);
    await t.http.get('/metrics').set('Authorization', 'Bearer wrong-token-of-the-same-len').expect(401);
    await t.http.get('/metrics').set('Authorization', `Bearer ${token}`).expect(200);
  });
});
