import { QueryClient, QueryClientProvider } from '@tanstack/preact-query';
import { ErrorBoundary, LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { useEffect } from 'preact/hooks';
import { ApiError } from './api/api-error';
import { BASE } from './base';
import { homeFor, type PageRoute, ROUTES } from './routes';
import { SessionProvider, useSession } from './session/session';
import { Layout } from './ui/layout';
import { LoginPage } from './pages/login-page';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status < 500 && error.status > 0),
    },
    mutations: { retry: false },
  },
});

function NotFound() {
  return (
    <main id="main" class="page">
      <h1>Không tìm thấy trang</h1>
      <p>
        <a href={`${BASE}/`}>Về trang chính</a>
      </p>
    </main>
  );
}

function Forbidden() {
  return (
    <main id="main" class="page">
      <h1>Trang này không dành cho vai trò của bạn</h1>
    </main>
  );
}

function Home() {
  const { actor } = useSession();
  const { route } = useLocation();
  useEffect(() => {
    if (actor) route(`${BASE}${homeFor(actor.roles)}`, true);
  }, [actor]);
  return null;
}

function Pages() {
  const { actor, loading, hasRole } = useSession();
  if (loading) return <p class="page">Đang tải…</p>;
  if (!actor) {
    // Pages for people without an account (citizens, sandbox partners) render without signing in.
    return (
      <Router>
        {ROUTES.filter((page) => page.public).map((page) => (
          <Route key={page.path} path={`${BASE}${page.path}`} component={page.component as typeof NotFound} />
        ))}
        <Route default component={LoginPage} />
      </Router>
    );
  }
  const allowed = (page: PageRoute) => page.public || page.roles.length === 0 || hasRole(...page.roles);
  return (
    <Layout>
      <ErrorBoundary>
        <Router>
          <Route path={`${BASE}/`} component={Home} />
          {ROUTES.map((page) => (
            <Route
              key={page.path}
              path={`${BASE}${page.path}`}
              component={(allowed(page) ? page.component : Forbidden) as typeof NotFound}
            />
          ))}
          <Route default component={NotFound} />
        </Router>
      </ErrorBoundary>
    </Layout>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <LocationProvider>
        <SessionProvider>
          <Pages />
        </SessionProvider>
      </LocationProvider>
    </QueryClientProvider>
  );
}
