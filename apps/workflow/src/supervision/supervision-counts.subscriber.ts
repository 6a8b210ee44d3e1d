import { Injectable } from '@nestjs/common';
import type { SubscribedDossierEvent } from '@motcua/domain';
import { reconcileSupervisionCounts, SUPERVISION_COUNTS_SUBSCRIBER_NAME } from '@motcua/persistence';
import type { DossierEventSubscriber } from '@motcua/platform';
import type { EntityManager } from 'typeorm';

/**
 * Issue 16: folds the dossiers marked dirty (by triggers, in the transaction that changed their status, appointment,
 * apologies, overdue clock or open steps) into the supervisors' per-agency deadline counters. Dossier events are
 * only its wake-up call: the counts query is exact before the fold (it corrects for dirty dossiers), the fold keeps
 * that correction small. Re-applying is a no-op (state based); subscribers run single-file per name (advisory lock),
 * so counter rows see no write contention on the intake path.
 */
@Injectable()
export class SupervisionCountsSubscriber implements DossierEventSubscriber {
  readonly name = SUPERVISION_COUNTS_SUBSCRIBER_NAME;
  // The migration derived every dossier's keys; past events carry nothing to fold.
  readonly startAt = 'end' as const;

  apply(_events: readonly SubscribedDossierEvent[], manager: EntityManager): Promise<void> {
    return reconcileSupervisionCounts(manager);
  }
}
