import { bearer } from '../support/auth';
import { describeIsolation } from '../support/isolation';

describeIsolation('alerts', [
  {
    name: 'alert rule',
    create: async (http, owner) => {
      const response = await http
        .post('/api/v1/alerts')
        .set(bearer(owner))
        .send({
          name: 'isolation',
          condition: { field: 'qualityScore', operator: 'lt', value: 50 },
          actions: ['webhook'],
        });
      return response.body.data.id as string;
    },
    routes: [
      ['GET', '/alerts/:id'],
      ['PATCH', '/alerts/:id', { name: 'changed', enabled: false }],
      ['DELETE', '/alerts/:id'],
    ],
  },
]);
