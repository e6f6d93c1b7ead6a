import { useEffect } from 'react';
import { Layout } from './components/Layout';
import { Loading } from './components/Feedback';
import { AcceptInvite } from './pages/AcceptInvite';
import { Admin } from './pages/Admin';
import { Alerts } from './pages/Alerts';
import { CallPage } from './pages/CallPage';
import { Calls } from './pages/Calls';
import { Followups } from './pages/Followups';
import { Projects } from './pages/Projects';
import { SignIn } from './pages/SignIn';
import { Webhooks } from './pages/Webhooks';
import { matchPath, navigate, useLocation } from './router';
import { atLeast, useSession } from './session';

export function App() {
  const { me, loading } = useSession();
  const { pathname, search } = useLocation();
  const open = pathname === '/login' || pathname === '/accept-invite';

  useEffect(() => {
    if (loading) return;
    if (!me && !open) navigate(`/login`, { replace: true });
    else if (me && (pathname === '/' || pathname === '/login')) navigate('/calls', { replace: true });
  }, [me, loading, open, pathname]);

  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);

  if (pathname === '/accept-invite') return <AcceptInvite />;
  if (loading) return <Loading what="Parley" />;
  if (!me) return pathname === '/login' ? <SignIn /> : <Loading what="Parley" />;

  const call = matchPath('/calls/:id', pathname);
  let page;
  if (call) page = <CallPage id={call.id} key={call.id + search} />;
  else if (pathname === '/calls') page = <Calls />;
  else if (pathname === '/followups') page = <Followups />;
  else if (pathname === '/alerts') page = <Alerts />;
  else if (pathname === '/projects') page = <Projects />;
  else if (pathname === '/webhooks' && atLeast(me, 'admin')) page = <Webhooks />;
  else if (pathname === '/admin' && atLeast(me, 'admin')) page = <Admin />;
  else
    page = (
      <>
        <h1>Page not found</h1>
        <p>There is no page at this address.</p>
      </>
    );
  // Every page loads again in the organisation switched to.
  return (
    <Layout>
      <div key={me.organization.id}>{page}</div>
    </Layout>
  );
}
