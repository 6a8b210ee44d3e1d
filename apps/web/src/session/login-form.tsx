import { useState } from 'preact/hooks';
import { api } from '../api/client';
import { describeError } from '../api/api-error';
import type { Session } from '../api/types';
import { useFocusOnMount } from '../ui/use-focus-on-mount';

/** Username and password → a session (local accounts; POST /auth/login). */
export function LoginForm({
  username = '',
  onSession,
}: {
  username?: string;
  onSession(session: Session): void | Promise<void>;
}) {
  const username$ = useFocusOnMount<HTMLInputElement>(!username);
  const password$ = useFocusOnMount<HTMLInputElement>(!!username);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      const session = await api<Session>('/auth/login', {
        method: 'POST',
        body: { username: String(data.get('username') ?? ''), password: String(data.get('password') ?? '') },
      });
      await onSession(session);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} class="stack">
      <div class="field">
        <label for="login-username">Tên đăng nhập</label>
        <input
          id="login-username"
          ref={username$}
          name="username"
          autoComplete="username"
          required
          defaultValue={username}
        />
      </div>
      <div class="field">
        <label for="login-password">Mật khẩu</label>
        <input
          id="login-password"
          ref={password$}
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
      </div>
      {error && (
        <p class="error" role="alert">
          {error === 'Unauthorized' || error.includes('invalid') ? 'Sai tên đăng nhập hoặc mật khẩu.' : error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
      </button>
    </form>
  );
}
