import { DomainError } from '@motcua/domain';
import { EntityManager } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { scopeOf } from '../identity/scope';

/**
 * Whether the actor can see the dossier (apps/api/src/identity/scope.ts): it was received by an agency in the actor's
 * scope, or an agency in scope holds or held a step of it. Admin: all; supervisors: their subtree; officers, leads and
 * desks: their own agency. Anything else — and a malformed id — is 404, so a foreign dossier's existence never leaks.
 */
export async function assertDossierVisible(manager: EntityManager, actor: Actor, dossierId: string): Promise<void> {
  const notFound = new DomainError('dossier.not-found', `Dossier ${dossierId} not found`, 'not-found', { dossierId });
  if (!/^[0-9a-f-]{36}$/i.test(dossierId)) throw notFound;
  const scope = scopeOf(actor);
  let condition: string;
  const parameters: unknown[] = [dossierId];
  switch (scope.kind) {
    case 'all':
      condition = 'TRUE';
      break;
    case 'subtree':
      parameters.push(scope.agencyPathPrefix);
      condition = `EXISTS (SELECT 1 FROM agency ra WHERE ra.id = d.receiving_agency_id AND ra.path LIKE $2 || '%')
        OR EXISTS (SELECT 1 FROM step_task s JOIN agency sa ON sa.id = s.agency_id
                   WHERE s.dossier_id = d.id AND sa.path LIKE $2 || '%')`;
      break;
    case 'agencies':
      parameters.push(scope.agencyIds);
      condition = `d.receiving_agency_id = ANY($2::uuid[])
        OR EXISTS (SELECT 1 FROM step_task s WHERE s.dossier_id = d.id AND s.agency_id = ANY($2::uuid[]))`;
      break;
  }
  const rows: unknown[] = await manager.query(`SELECT 1 FROM dossier d WHERE d.id = $1 AND (${condition})`, parameters);
  if (rows.length === 0) throw notFound;
}
