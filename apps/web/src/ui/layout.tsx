import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { BASE } from '../base';
import { ROUTES } from '../routes';
import { useSession } from '../session/session';

const ROLE_NAMES: Record<string, string> = {
  desk_officer: 'Cán bộ một cửa',
  agency_officer: 'Chuyên viên',
  agency_lead: 'Lãnh đạo',
  supervisor: 'Giám sát',
  admin: 'Quản trị',
};

/** Header with the role-aware navigation (built from ROUTES), then the page. */
export function Layout({ children }: { children: ComponentChildren }) {
  const { actor, hasRole, signOut } = useSession();
  const { path } = useLocation();
  const links = ROUTES.filter((page) => page.label && (page.roles.length === 0 || hasRole(...page.roles)));
  return (
    <>
      <a class="skip-link" href="#main">
        Bỏ qua điều hướng
      </a>
      <header class="topbar">
        <span class="brand">Một cửa</span>
        <nav aria-label="Điều hướng chính">
          <ul>
            {links.map((page) => {
              const href = `${BASE}${page.path}`;
              const current = path === href || path.startsWith(`${href}/`);
              return (
                <li key={page.path}>
                  <a href={href} aria-current={current ? 'page' : undefined}>
                    {page.label}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
        <span class="who">
          {actor?.username} · {actor?.roles.map((role) => ROLE_NAMES[role] ?? role).join(', ')}
        </span>
        <button type="button" class="secondary" onClick={() => void signOut()}>
          Đăng xuất
        </button>
      </header>
      {children}
    </>
  );
}
