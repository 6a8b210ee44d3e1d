import { lazy } from 'preact-iso';
import type { ComponentType } from 'preact';
import type { Role } from './api/types';

/**
 * Every page of the product, in one table: the router and the navigation are built from it.
 * Add a page = add a row (README.md). `roles` empty = any signed-in person; `public` = no account needed.
 */
export interface PageRoute {
  path: string;
  /** Shown in the navigation (omit for pages reached by links, e.g. a dossier). */
  label?: string;
  roles: Role[];
  public?: boolean;
  component: ComponentType<Record<string, string | undefined>>;
}

export const ROUTES: PageRoute[] = [
  {
    path: '/desk',
    label: 'Tiếp nhận hồ sơ',
    roles: ['desk_officer'],
    component: lazy(() => import('./pages/desk/desk-page')),
  },
  {
    path: '/inbox',
    label: 'Hồ sơ cần xử lý',
    roles: ['agency_officer', 'agency_lead', 'desk_officer'],
    component: lazy(() => import('./pages/inbox/inbox-page')),
  },
  {
    path: '/dossiers',
    label: 'Tra cứu hồ sơ',
    roles: ['desk_officer', 'agency_officer', 'agency_lead', 'supervisor', 'admin'],
    component: lazy(() => import('./pages/dossier/dossier-list-page')),
  },
  {
    path: '/dossiers/:id',
    roles: ['desk_officer', 'agency_officer', 'agency_lead', 'supervisor', 'admin'],
    component: lazy(() => import('./pages/dossier/dossier-page')),
  },
  {
    path: '/return',
    label: 'Trả kết quả',
    roles: ['desk_officer', 'supervisor'],
    component: lazy(() => import('./pages/return/return-desk-page')),
  },
  {
    path: '/dashboard',
    label: 'Bảng điều hành',
    roles: ['supervisor', 'agency_lead', 'admin'],
    component: lazy(() => import('./dashboard/dashboard-page')),
  },
  {
    path: '/simulation',
    label: 'Mô phỏng',
    roles: ['supervisor', 'admin'],
    component: lazy(() => import('./dashboard/simulation-page')),
  },
  {
    path: '/supervision',
    label: 'Giám sát',
    roles: ['supervisor', 'admin'],
    component: lazy(() => import('./pages/supervisor/supervisor-page')),
  },
  { path: '/admin', label: 'Quản trị', roles: ['admin'], component: lazy(() => import('./pages/admin/admin-page')) },
  {
    path: '/sandbox/buu-chinh',
    label: 'Bưu chính (sandbox)',
    roles: ['admin'],
    component: lazy(() => import('./pages/sandbox/postal-sandbox-page')),
  },
  // The citizen's status page (issue 14): no account, code + lookup secret.
  { path: '/tra-cuu', roles: [], public: true, component: lazy(() => import('./citizen/status-page')) },
  // Where the payer lands after the gateway, and the embedded VNPay sandbox's own payment page (both public).
  { path: '/thanh-toan', roles: [], public: true, component: lazy(() => import('./citizen/payment-return-page')) },
  { path: '/sandbox/vnpay', roles: [], public: true, component: lazy(() => import('./citizen/vnpay-sandbox-page')) },
];

/** Where a person lands after signing in: the first page their roles open. */
export function homeFor(roles: readonly Role[]): string {
  return ROUTES.find((route) => route.label && route.roles.some((role) => roles.includes(role)))?.path ?? '/';
}
