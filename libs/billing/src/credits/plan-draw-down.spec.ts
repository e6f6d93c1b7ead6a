import { DrawableGrant, planDrawDown } from './plan-draw-down';

const at = new Date('2026-03-15T12:00:00Z');
const grant = (id: string, remainingCents: number, expiresAt: string): DrawableGrant => ({
  id,
  remainingCents,
  expiresAt: new Date(expiresAt),
});

describe('planDrawDown', () => {
  it('spends the grant that expires first, then the next', () => {
    const plan = planDrawDown(
      [grant('crd_b', 500, '2026-12-31T00:00:00Z'), grant('crd_a', 300, '2026-04-01T00:00:00Z')],
      700,
      at,
    );
    expect(plan).toEqual({
      draws: [
        { grantId: 'crd_a', cents: 300 },
        { grantId: 'crd_b', cents: 400 },
      ],
      creditCentsUsed: 700,
    });
  });

  it('skips expired and empty grants', () => {
    const plan = planDrawDown(
      [
        grant('crd_expired', 1000, '2026-03-15T12:00:00Z'),
        grant('crd_empty', 0, '2026-04-01T00:00:00Z'),
        grant('crd_live', 100, '2026-05-01T00:00:00Z'),
      ],
      50,
      at,
    );
    expect(plan.draws).toEqual([{ grantId: 'crd_live', cents: 50 }]);
  });

  it('charges what the credits cannot cover', () => {
    const plan = planDrawDown([grant('crd_a', 120, '2026-04-01T00:00:00Z')], 500, at);
    expect(plan).toEqual({ draws: [{ grantId: 'crd_a', cents: 120 }], creditCentsUsed: 120 });
  });

  it('breaks expiry ties by id, oldest grant first', () => {
    const plan = planDrawDown(
      [grant('crd_02', 100, '2026-04-01T00:00:00Z'), grant('crd_01', 100, '2026-04-01T00:00:00Z')],
      150,
      at,
    );
    expect(plan.draws.map((draw) => draw.grantId)).toEqual(['crd_01', 'crd_02']);
  });

  it('draws nothing for a free usage', () => {
    expect(planDrawDown([grant('crd_a', 100, '2026-04-01T00:00:00Z')], 0, at)).toEqual({
      draws: [],
      creditCentsUsed: 0,
    });
  });
});
