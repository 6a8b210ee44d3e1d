/** The console's base path (vite `base`): the API serves the build under /app. */
export const BASE = import.meta.env.BASE_URL.replace(/\/$/, '');
