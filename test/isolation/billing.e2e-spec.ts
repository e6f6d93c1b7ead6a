import { describeIsolation } from '../support/isolation';

// Billing routes name the organisation itself: another organisation's :orgId must answer like an unknown one.
describeIsolation('billing', [
  {
    name: 'organisation billing',
    create: async (_http, owner) => ({ orgId: owner.orgId }),
    routes: [
      ['GET', '/billing/summary/:orgId'],
      ['GET', '/billing/usage/:orgId'],
      ['GET', '/billing/credits/:orgId'],
      ['POST', '/billing/credits/:orgId', { amount: 25, expiresAt: '2030-01-01T00:00:00Z' }],
      ['PATCH', '/billing/budget/:orgId', { budgetLimit: 100 }],
    ],
  },
]);
