import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import { ApiError, api, onUnauthenticated } from '../api/client.ts';
import type { LoginAnswer, Me } from '../api/types.ts';

interface Session {
  /** The person logged in, null when nobody is, undefined while asking the server. */
  me: Me | null | undefined;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);
const ME_KEY = ['auth', 'me'] as const;

/**
 * Forgets every answer but "who am I" when the person changes: the next
 * person must not see the last one's data, even from the cache. (Clearing the
 * whole cache would also drop the session query the app is watching.)
 */
function forgetData(client: QueryClient, me: Me | null): void {
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  client.setQueryData(ME_KEY, me);
}

/**
 * Who is logged in, asked of the server (GET /api/auth/me): the session lives
 * in an HttpOnly cookie that scripts cannot read, so the server is the only
 * one who knows. Any 401 from any request ends the session here too.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const me = useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await api<Me>('/api/auth/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
    retry: false,
  });

  useEffect(
    () =>
      onUnauthenticated(() => {
        if (client.getQueryData(ME_KEY)) forgetData(client, null);
      }),
    [client],
  );

  const login = useCallback(
    async (username: string, password: string) => {
      await api<LoginAnswer>('/api/auth/login', { method: 'POST', body: { username, password } });
      const who = await api<Me>('/api/auth/me');
      forgetData(client, who);
      return who;
    },
    [client],
  );

  const logout = useCallback(async () => {
    try {
      await api('/api/auth/logout', { method: 'POST' });
    } finally {
      forgetData(client, null);
    }
  }, [client]);

  const value = useMemo<Session>(
    () => ({ me: me.isPending ? undefined : (me.data ?? null), login, logout }),
    [me.isPending, me.data, login, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The logged-in person; only for pages behind the login guard. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe on a page without a login');
  return me;
}
