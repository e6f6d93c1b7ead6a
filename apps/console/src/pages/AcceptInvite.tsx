import { api, ok } from '../api';
import { ErrorMessage } from '../components/Feedback';
import { useFormAction } from '../components/hooks';
import { navigate, useLocation } from '../router';
import { useSession } from '../session';

/** The page behind an invitation's inviteUrl: the invitee chooses a name and password and is signed in. */
export function AcceptInvite() {
  const { signIn } = useSession();
  const token = useLocation().searchParams.get('token') ?? '';
  const { error, busy, run } = useFormAction({ keep: true });
  const submit = run(async (form) => {
    if (form.get('password') !== form.get('confirm')) throw new Error('The two passwords differ');
    const session = ok(
      await api.POST('/api/v1/auth/accept-invite', {
        body: { token, password: String(form.get('password')), name: String(form.get('name')) },
      }),
    ).data;
    await signIn(session);
    navigate('/calls', { replace: true });
  });

  if (!token)
    return (
      <main id="main" className="narrow">
        <h1>Join Parley</h1>
        <p role="alert" className="error">
          This invitation link is incomplete: open the link from your invitation e-mail again.
        </p>
      </main>
    );
  return (
    <main id="main" className="narrow">
      <h1>Join Parley</h1>
      <p>You were invited to an organisation. Choose your name and a password to join.</p>
      <form onSubmit={submit}>
        <label>
          Your name
          <input name="name" autoComplete="name" required />
        </label>
        <label>
          Password (at least 10 characters)
          <input name="password" type="password" autoComplete="new-password" minLength={10} required />
        </label>
        <label>
          Password again
          <input name="confirm" type="password" autoComplete="new-password" minLength={10} required />
        </label>
        <button type="submit" disabled={busy}>
          Join
        </button>
        <ErrorMessage error={error} />
      </form>
    </main>
  );
}
