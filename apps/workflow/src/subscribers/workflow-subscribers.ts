import type { Type } from '@nestjs/common';
import type { DossierEventSubscriber } from '@motcua/platform';
import { IndicatorProjectionSubscriber } from '../indicators/indicator-projection.subscriber';
import { SupervisionCountsSubscriber } from '../supervision/supervision-counts.subscriber';

/**
 * The dossier-event subscribers the workflow service runs (issue 9). Add one line per subscriber (notifications,
 * indicator projections, national-portal sync...); see docs/DESIGN-NOTES.md, "Event subscribers".
 */
export const WORKFLOW_SUBSCRIBERS: Array<Type<DossierEventSubscriber>> = [
  IndicatorProjectionSubscriber,
  SupervisionCountsSubscriber,
];
