import { bearer } from '../support/auth';
import { describeIsolation } from '../support/isolation';

describeIsolation('analysis', [
  {
    name: 'analysis profile',
    create: async (http, owner) => {
      const response = await http
        .post('/api/v1/analysis-profiles')
        .set(bearer(owner))
        .send({
          name: 'isolation',
          criteria: [
            {
              id: 'greeting',
              category: 'greeting',
              description: 'Greets',
              weight: 1,
              compliance: false,
              speaker: 'agent',
              phrases: ['hello'],
            },
          ],
        });
      return response.body.data.id as string;
    },
    routes: [
      ['GET', '/analysis-profiles/:id'],
      ['PATCH', '/analysis-profiles/:id', { name: 'changed' }],
      ['DELETE', '/analysis-profiles/:id'],
    ],
  },
]);
