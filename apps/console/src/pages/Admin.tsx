import { type FormEvent, useState } from 'react';
import { api, ok } from '../api';
import { ErrorMessage, formatDate, Section } from '../components/Feedback';
import { useLoad } from '../components/hooks';
import type { Role } from '../session';

interface Member {
  id: string;
  email: string;
  name: string;
  role: Role;
}

interface Client {
  id: string;
  name: string;
  clientId: string;
  scopes: string[];
  createdAt?: string;
}

const ROLES: Role[] = ['owner', 'admin', 'supervisor', 'agent', 'viewer'];
const SCOPES = [
  'recordings.read',
  'recordings.write',
  'analyses.read',
  'alerts.write',
  'webhooks.write',
  'billing.read',
];

/** Users, invitations and API clients (admin and owner only, as the API enforces). */
export function Admin() {
  return (
    <>
      <h1>Users and API clients</h1>
      <Users />
      <Clients />
    </>
  );
}

function Users() {
  const [invite, setInvite] = useState<{ email: string; inviteUrl: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const loaded = useLoad(
    async () =>
      ok(await api.GET('/api/v1/users', { params: { query: { pageSize: 100 } as never } }))
        .data as unknown as Member[],
    [],
  );
  const members = loaded.value ?? [];
  const changeRole = async (member: Member, role: string) => {
    setError(null);
    try {
      ok(
        await api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: member.id } },
          body: { role } as never,
        }),
      );
      loaded.reload();
    } catch (failure) {
      setError(failure);
    }
  };
  const sendInvite = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    try {
      const created = ok(
        await api.POST('/api/v1/users/invite', {
          body: { email: String(form.get('email')), role: String(form.get('role')) } as never,
        }),
      ).data as unknown as { email: string; inviteUrl: string };
      setInvite({ email: String(form.get('email')), inviteUrl: created.inviteUrl });
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <Section title="Users">
      <table>
        <caption className="visually-hidden">Members</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.id}>
              <td>{member.name}</td>
              <td>{member.email}</td>
              <td>
                <select
                  aria-label={`Role of ${member.email}`}
                  value={member.role}
                  onChange={(event) => void changeRole(member, event.target.value)}
                >
                  {ROLES.map((role) => (
                    <option key={role}>{role}</option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={(event) => void sendInvite(event)} className="inline">
        <label>
          Invite by e-mail
          <input name="email" type="email" required />
        </label>
        <label>
          as
          <select name="role" defaultValue="agent">
            {ROLES.map((role) => (
              <option key={role}>{role}</option>
            ))}
          </select>
        </label>
        <button type="submit">Invite</button>
      </form>
      {invite && (
        <p role="status">
          Invitation for {invite.email}: <code>{invite.inviteUrl}</code>
        </p>
      )}
      <ErrorMessage error={error ?? loaded.error} />
    </Section>
  );
}

function Clients() {
  const [secret, setSecret] = useState<{ clientId: string; clientSecret: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/clients')).data as unknown as Client[], []);
  const clients = loaded.value ?? [];
  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    try {
      const created = ok(
        await api.POST('/api/v1/clients', {
          body: { name: String(form.get('name')), scopes: form.getAll('scopes').map(String) } as never,
        }),
      ).data as unknown as { clientId: string; clientSecret: string };
      setSecret({ clientId: created.clientId, clientSecret: created.clientSecret });
      loaded.reload();
    } catch (failure) {
      setError(failure);
    }
  };
  const remove = async (client: Client) => {
    if (!confirm(`Delete the API client ${client.name}? Systems using it stop working.`)) return;
    await api.DELETE('/api/v1/clients/{id}', { params: { path: { id: client.id } } });
    loaded.reload();
  };
  return (
    <Section title="API clients">
      <ul>
        {clients.map((client) => (
          <li key={client.id}>
            {client.name} <code>{client.clientId}</code> {client.scopes.join(', ')}{' '}
            {formatDate(client.createdAt)}{' '}
            <button type="button" onClick={() => void remove(client)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={(event) => void create(event)}>
        <label>
          New client's name
          <input name="name" required maxLength={100} />
        </label>
        <fieldset>
          <legend>Scopes</legend>
          {SCOPES.map((scope) => (
            <label key={scope} className="check">
              <input type="checkbox" name="scopes" value={scope} /> {scope}
            </label>
          ))}
        </fieldset>
        <button type="submit">Create client</button>
      </form>
      {secret && (
        <p role="status">
          Client <code>{secret.clientId}</code>, secret <code>{secret.clientSecret}</code> — shown only now.
        </p>
      )}
      <ErrorMessage error={error ?? loaded.error} />
    </Section>
  );
}
