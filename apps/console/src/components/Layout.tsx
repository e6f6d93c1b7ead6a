import type { ReactNode } from 'react';
import { Link, navigate, useLocation } from '../router';
import { atLeast, useSession } from '../session';

const PAGES: Array<{
  href: string;
  label: string;
  visible: (me: ReturnType<typeof useSession>['me']) => boolean;
}> = [
  { href: '/calls', label: 'Calls', visible: () => true },
  { href: '/followups', label: 'Follow-ups', visible: () => true },
  { href: '/alerts', label: 'Alerts', visible: () => true },
  { href: '/projects', label: 'Projects', visible: () => true },
  { href: '/webhooks', label: 'Webhooks', visible: (me) => atLeast(me, 'admin') },
  { href: '/admin', label: 'Users & clients', visible: (me) => atLeast(me, 'admin') },
];

export function Layout({ children }: { children: ReactNode }) {
  const { me, signOut, switchOrganization } = useSession();
  const { pathname } = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Parley</span>
        <nav aria-label="Main">
          <ul>
            {PAGES.filter((page) => page.visible(me)).map((page) => (
              <li key={page.href}>
                <Link href={page.href} aria-current={pathname.startsWith(page.href) ? 'page' : undefined}>
                  {page.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {me && (
          <div className="account">
            <label>
              <span className="visually-hidden">Organisation</span>
              <select
                value={me.organization.id}
                onChange={(event) =>
                  void switchOrganization(event.target.value).then(() => navigate('/calls'))
                }
              >
                {me.memberships.map((membership) => (
                  <option key={membership.organizationId} value={membership.organizationId}>
                    {membership.organizationName} ({membership.role})
                  </option>
                ))}
              </select>
            </label>
            <span className="who">{me.user.name}</span>
            <button
              type="button"
              onClick={() => {
                signOut();
                navigate('/login');
              }}
            >
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
