/**
 * Dossier events the router acts on (the one list: the event writer wakes the routing worker for these types
 * only, and the router skips every other type, which only moves its cursor).
 */
export const ROUTED_EVENT_TYPES = [
  'intake-accepted',
  'routing-unblocked',
  'step-completed',
  'supplement-received',
  // The dossier ended outside routing: the router cancels its pending steps (and stops linked sub-dossiers).
  'withdrawn',
  'stopped',
] as const;

export type RoutedEventType = (typeof ROUTED_EVENT_TYPES)[number];

export function isRoutedEventType(type: string): type is RoutedEventType {
  return (ROUTED_EVENT_TYPES as readonly string[]).includes(type);
}
