import { api, ok } from '../api';
import { ErrorMessage } from '../components/Feedback';
import { useFormAction } from '../components/hooks';
import { navigate } from '../router';
import { useSession } from '../session';

export function SignIn() {
  const { signIn } = useSession();
  const { error, busy, run } = useFormAction({ keep: true });
  const submit = run(async (form) => {
    const session = ok(
      await api.POST('/api/v1/auth/login', {
        body: { email: String(form.get('email')), password: String(form.get('password')) },
      }),
    ).data;
    await signIn(session);
    navigate('/calls', { replace: true });
  });

  return (
    <main id="main" className="narrow">
      <h1>Sign in to Parley</h1>
      <form onSubmit={submit}>
        <label>
          E-mail
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" disabled={busy}>
          Sign in
        </button>
        <ErrorMessage error={error} />
      </form>
    </main>
  );
}
