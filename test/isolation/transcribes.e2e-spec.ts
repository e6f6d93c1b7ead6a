import type { TestUser } from '../support/auth';
import { bearer } from '../support/auth';
import { describeIsolation } from '../support/isolation';
import type { TestApp } from '../support/test-app';

type Http = TestApp['http'];

const createContact = async (http: Http, owner: TestUser) => {
  const response = await http.post('/api/v1/contacts').set(bearer(owner)).send({ displayName: 'Isolated' });
  return response.body.data.id as string;
};

describeIsolation('transcribes', [
  {
    name: 'contact',
    create: createContact,
    routes: [
      ['GET', '/contacts/:id'],
      ['PATCH', '/contacts/:id', { company: 'changed' }],
      ['DELETE', '/contacts/:id'],
    ],
  },
  {
    name: 'transcribe',
    create: async (http, owner) => {
      const contact = await createContact(http, owner);
      const response = await http
        .post('/api/v1/transcribes')
        .set(bearer(owner))
        .send({ contact, contents: [{ timestamp: 0, author: 'Agent', text: 'Hello' }] });
      return response.body.data.id as string;
    },
    routes: [
      ['GET', '/transcribes/:id'],
      ['GET', '/transcribes/:id?associations=transcribe.contact'],
      ['DELETE', '/transcribes/:id'],
    ],
  },
]);
