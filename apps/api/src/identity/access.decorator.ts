import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ACCESS = 'motcua:public';

/**
 * Marks a route that needs no user account: health probes, citizen lookup (verified by its own secret),
 * gateway callbacks (verified by signature). Everything else is denied unless it declares its roles.
 */
export const Public = () => SetMetadata(PUBLIC_ACCESS, true);
