import { describeIsolation } from '../support/isolation';
import type { TestApp } from '../support/test-app';
import type { TestUser } from '../support/auth';
import { analysedCall } from '../analysis-api/analysis-helpers';

/** An analysis made by the pipeline from a typed transcript of the owner's organisation. */
const newAnalysis = async (http: TestApp['http'], owner: TestUser) =>
  (await analysedCall(http, owner)).analysis.id;

describeIsolation('analyses', [
  {
    name: 'analysis',
    create: newAnalysis,
    routes: [
      ['GET', '/analyses/:id'],
      ['POST', '/analyses/:id/re-analyze', {}],
    ],
  },
  {
    name: 'analysis annotations',
    create: newAnalysis,
    routes: [
      ['GET', '/analyses/:id/annotations'],
      ['POST', '/analyses/:id/annotations', { startTime: 1, text: 'checked' }],
    ],
  },
  {
    name: 'analysis review',
    create: newAnalysis,
    routes: [
      ['GET', '/analyses/:id/review'],
      ['POST', '/analyses/:id/review', { score: 75, comment: 'fine' }],
    ],
  },
]);
