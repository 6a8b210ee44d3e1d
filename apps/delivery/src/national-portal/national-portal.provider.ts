import type { Provider } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { apiBaseUrl, HttpNationalPortalAdapter, NATIONAL_PORTAL_ADAPTER } from '@motcua/integrations';

/** Path of the embedded sandbox receiver on the API. */
export const NATIONAL_PORTAL_SANDBOX_PATH = '/sandbox/national-portal/dossier-status';

export const nationalPortalProvider: Provider = {
  provide: NATIONAL_PORTAL_ADAPTER,
  inject: [MotcuaConfig],
  useFactory: (config: MotcuaConfig) =>
    new HttpNationalPortalAdapter(
      config.NATIONAL_PORTAL_URL ?? `${apiBaseUrl(config)}${NATIONAL_PORTAL_SANDBOX_PATH}`,
      config.NATIONAL_PORTAL_SECRET,
    ),
};
