import { addMember, bearer, signUp, TestUser } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';
import { analysedCall, COMPLIANT_CALL, NON_COMPLIANT_CALL } from '../analysis-api/analysis-helpers';

const API = '/api/v1';

describe('calibration: reviewers against the automation', () => {
  let t: TestApp;
  let owner: TestUser;
  let supervisor: TestUser;
  let profileId: string;

  const review = (user: TestUser, analysisId: string, criteria: Array<[string, boolean]>) =>
    t.http
      .post(`${API}/analyses/${analysisId}/review`)
      .set(bearer(user))
      .send({ score: 80, comment: 'checked', criteria: criteria.map(([id, passed]) => ({ id, passed })) })
      .expect(201);

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
    supervisor = await addMember(t.http, owner, 'supervisor');
    const good = await analysedCall(t.http, owner, COMPLIANT_CALL);
    const bad = await analysedCall(t.http, owner, NON_COMPLIANT_CALL);
    profileId = good.analysis.profileId as string;
    const answer = (analysis: Record<string, unknown>, id: string) =>
      (analysis.criteria as Array<{ id: string; passed: boolean }>).find((c) => c.id === id)!.passed;
    // The automation's answers the hand count below relies on.
    expect(['greeting', 'disclosure', 'closing'].map((id) => answer(good.analysis, id))).toEqual([
      true,
      true,
      true,
    ]);
    expect(['greeting', 'disclosure'].map((id) => answer(bad.analysis, id))).toEqual([false, false]);

    // The good call: the owner's review is replaced by the supervisor's (only the current review counts).
    await review(owner, good.analysis.id, [
      ['greeting', true],
      ['disclosure', false],
    ]);
    await review(supervisor, good.analysis.id, [
      ['greeting', true],
      ['disclosure', true],
      ['closing', false],
    ]);
    // The bad call: the owner agrees on the greeting, not on the disclosure.
    await review(owner, bad.analysis.id, [
      ['greeting', false],
      ['disclosure', true],
    ]);
  });
  afterAll(() => t.close());

  it('matches a hand count: per criterion (worst first, with the calls in dispute) and per reviewer', async () => {
    const response = await t.http
      .get(`${API}/analysis-profiles/${profileId}/calibration`)
      .set(bearer(supervisor))
      .expect(200);
    const calibration = response.body.data;
    expect(calibration.reviews).toBe(2);
    expect(calibration.overall).toEqual({ count: 5, agreed: 3, agreement: 60 });
    expect(
      calibration.criteria.map((c: { id: string; count: number; agreed: number; agreement: number }) => [
        c.id,
        c.count,
        c.agreed,
        c.agreement,
      ]),
    ).toEqual([
      ['closing', 1, 0, 0],
      ['disclosure', 2, 1, 50],
      ['greeting', 2, 2, 100],
    ]);
    expect(calibration.criteria[1].disagreements).toEqual([
      expect.objectContaining({
        reviewerId: owner.userId,
        automated: false,
        reviewer: true,
        automatedResult: 'not_met',
      }),
    ]);
    const reviewers = Object.fromEntries(
      calibration.reviewers.map((r: { reviewerId: string; agreement: number }) => [
        r.reviewerId,
        r.agreement,
      ]),
    );
    expect(reviewers).toEqual({ [supervisor.userId]: 66.7, [owner.userId]: 50 });
  });

  it('narrows to a window of review times, and refuses a window that is not one', async () => {
    const future = await t.http
      .get(`${API}/analysis-profiles/${profileId}/calibration?from=2099-01-01T00:00:00Z`)
      .set(bearer(owner))
      .expect(200);
    expect(future.body.data).toMatchObject({
      reviews: 0,
      overall: { count: 0, agreement: null },
      criteria: [],
    });
    await t.http
      .get(
        `${API}/analysis-profiles/${profileId}/calibration?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z`,
      )
      .set(bearer(owner))
      .expect(400);
    await t.http
      .get(`${API}/analysis-profiles/${profileId}/calibration?from=yesterday`)
      .set(bearer(owner))
      .expect(400);
  });

  it('is for supervisors and above, and another organisation gets a 404', async () => {
    const agent = await addMember(t.http, owner, 'agent');
    await t.http.get(`${API}/analysis-profiles/${profileId}/calibration`).set(bearer(agent)).expect(403);
    const stranger = await signUp(t.http);
    await t.http.get(`${API}/analysis-profiles/${profileId}/calibration`).set(bearer(stranger)).expect(404);
  });
});
