import { LoginForm } from '../session/login-form';
import { useSession } from '../session/session';

/** Local accounts. (The API verifies OIDC bearer tokens but has no browser sign-in flow to redirect to.) */
export function LoginPage() {
  const { signIn } = useSession();
  return (
    <main id="main" class="login">
      <h1>Đăng nhập — Bộ phận Một cửa</h1>
      <LoginForm onSession={signIn} />
    </main>
  );
}
