import { addMember, bearer } from '../support/auth';
import { describeIsolation } from '../support/isolation';

describeIsolation('identity', [
  {
    name: 'user',
    create: async (http, owner) => (await addMember(http, owner, 'agent')).userId,
    routes: [
      ['GET', '/users/:id'],
      ['PATCH', '/users/:id', { role: 'viewer' }],
      ['DELETE', '/users/:id'],
    ],
  },
  {
    name: 'client',
    create: async (http, owner) => {
      const response = await http
        .post('/api/v1/clients')
        .set(bearer(owner))
        .send({ name: 'isolation', scopes: ['recordings.read'] });
      return response.body.data.id as string;
    },
    routes: [['DELETE', '/clients/:id']],
  },
]);
