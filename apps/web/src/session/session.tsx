import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { api, connectSession } from '../api/client';
import type { Actor, Role, Session } from '../api/types';
import { LoginForm } from './login-form';

const STORAGE_KEY = 'motcua.session';

interface SessionState {
  actor: Actor | null;
  loading: boolean;
  signIn(session: Session): Promise<void>;
  signOut(): Promise<void>;
  hasRole(...roles: Role[]): boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

function readStored(): Session | null {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Session | null;
  } catch {
    return null;
  }
}

function store(session: Session | null): void {
  if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(STORAGE_KEY);
}

/**
 * The signed-in person. Tokens live in sessionStorage (one tab, gone when it closes). When a refresh fails
 * mid-work, a sign-in dialog opens over the current page; the page stays mounted, so a half-filled form is
 * kept and the interrupted request is replayed after signing in.
 */
export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [actor, setActor] = useState<Actor | null>(null);
  const [loading, setLoading] = useState(() => readStored() !== null);
  const [pending, setPending] = useState<Array<{ resolve(session: Session): void; reject(error: Error): void }>>([]);

  useEffect(() => {
    connectSession({
      current: readStored,
      store,
      reauthenticate: () =>
        new Promise<Session>((resolve, reject) => setPending((list) => [...list, { resolve, reject }])),
    });
    if (readStored()) {
      api<Actor>('/auth/me')
        .then(setActor)
        .catch(() => store(null))
        .finally(() => setLoading(false));
    }
  }, []);

  const signIn = useCallback(async (session: Session) => {
    store(session);
    setActor(await api<Actor>('/auth/me'));
  }, []);

  const signOut = useCallback(async () => {
    const session = readStored();
    if (session)
      await api('/auth/logout', { method: 'POST', body: { refreshToken: session.refreshToken } }).catch(
        () => undefined,
      );
    store(null);
    setActor(null);
  }, []);

  const value = useMemo<SessionState>(
    () => ({
      actor,
      loading,
      signIn,
      signOut,
      hasRole: (...roles) => !!actor && roles.some((role) => actor.roles.includes(role)),
    }),
    [actor, loading, signIn, signOut],
  );

  const resume = (session: Session) => {
    store(session);
    pending.forEach((request) => request.resolve(session));
    setPending([]);
  };

  return (
    <SessionContext.Provider value={value}>
      {children}
      {pending.length > 0 && (
        <div class="dialog-backdrop">
          <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="relogin-title">
            <h2 id="relogin-title">Phiên đăng nhập đã hết hạn</h2>
            <p>Đăng nhập lại để tiếp tục. Dữ liệu bạn đang nhập vẫn được giữ nguyên.</p>
            <LoginForm username={actor?.username} onSession={resume} />
          </div>
        </div>
      )}
    </SessionContext.Provider>
  );
}
