import { bearer } from '../support/auth';
import { describeIsolation } from '../support/isolation';

const API = '/api/v1';

describeIsolation('search', [
  {
    // Searching within another organisation's project is a 404, like every other id of it.
    name: 'search in a project',
    create: async (http, owner) => {
      const response = await http.post(`${API}/projects`).set(bearer(owner)).send({ name: 'Searched' });
      return response.body.data.id as string;
    },
    routes: [['GET', '/search?q=refund&projectId=:id']],
  },
]);
