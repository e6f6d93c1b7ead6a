import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api, ok, sessionStore, setSignedOutHandler } from './api';

export type Role = 'owner' | 'admin' | 'supervisor' | 'agent' | 'viewer';

export interface Me {
  user: { id: string; email: string; name: string };
  organization: { id: string; name: string };
  role: Role;
  memberships: Array<{ organizationId: string; organizationName: string; role: Role }>;
}

const RANK: Record<Role, number> = { viewer: 0, agent: 1, supervisor: 2, admin: 3, owner: 4 };
export const atLeast = (me: Me | null, role: Role) => !!me && RANK[me.role] >= RANK[role];
/** As the API masks phone numbers: below supervisor, a call's personal data is shown redacted. */
export const seesPersonalData = (me: Me | null) => atLeast(me, 'supervisor');
export const canEdit = (me: Me | null) => atLeast(me, 'agent');

interface SessionState {
  me: Me | null;
  loading: boolean;
  signIn(tokens: { accessToken: string; refreshToken?: string }): Promise<void>;
  switchOrganization(organizationId: string): Promise<void>;
  signOut(): void;
}

const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(async () => {
    if (!sessionStore.read()) {
      setMe(null);
      setLoading(false);
      return;
    }
    try {
      setMe(ok(await api.GET('/api/v1/auth/me')).data as Me);
    } catch {
      sessionStore.write(null);
      setMe(null);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    setSignedOutHandler(() => setMe(null));
    void load();
  }, [load]);

  const state: SessionState = {
    me,
    loading,
    async signIn(tokens) {
      sessionStore.write({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
      setLoading(true);
      await load();
    },
    async switchOrganization(organizationId) {
      const stored = sessionStore.read();
      if (!stored) return;
      sessionStore.write({ ...stored, organizationId });
      setLoading(true);
      await load();
    },
    signOut() {
      sessionStore.write(null);
      setMe(null);
    },
  };
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}
