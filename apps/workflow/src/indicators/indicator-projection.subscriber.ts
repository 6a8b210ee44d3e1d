import { Injectable } from '@nestjs/common';
import {
  DEFAULT_INDICATOR_RULE_SET_ID,
  getIndicatorRuleSet,
  INDICATOR_EVENT_TYPES,
  SubscribedDossierEvent,
} from '@motcua/domain';
import { applyIndicatorEvents, INDICATOR_SUBSCRIBER_NAME } from '@motcua/persistence';
import type { DossierEventSubscriber } from '@motcua/platform';
import type { EntityManager } from 'typeorm';

/**
 * Issue 15: keeps the indicator projections (dossier facts and daily counters per day × agency × procedure ×
 * channel) in step with the dossier event log, exactly once (the runner commits them with its cursor).
 * Rebuild: `npm run indicators:rebuild`; check against a recomputation: `npm run indicators:check`.
 */
@Injectable()
export class IndicatorProjectionSubscriber implements DossierEventSubscriber {
  readonly name = INDICATOR_SUBSCRIBER_NAME;
  readonly eventTypes = INDICATOR_EVENT_TYPES;
  private readonly ruleSet = getIndicatorRuleSet(DEFAULT_INDICATOR_RULE_SET_ID);

  apply(events: readonly SubscribedDossierEvent[], manager: EntityManager): Promise<void> {
    return applyIndicatorEvents(manager, events, this.ruleSet);
  }
}
