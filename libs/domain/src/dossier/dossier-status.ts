import { DomainError } from '../errors/domain-error';

/**
 * Where a dossier stands in its lifecycle (NĐ 61/2018 Art. 15–20).
 *
 * The two supplement waits are separate statuses because they resume differently: a supplement at
 * intake sends the dossier back to be checked again (`registered`), a supplement after appraisal
 * resumes processing. Keeping them apart makes `nextStatus(from, event)` a total function of its
 * two arguments. Both map to the same national status code (5).
 */
export const DOSSIER_STATUSES = [
  'registered',
  'awaiting-intake-supplement',
  'refused-at-intake',
  'received',
  'processing',
  'awaiting-supplement',
  'awaiting-payment',
  'result-ready',
  'returned',
  'refused',
  'withdrawn',
  'stopped',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/** Things that happen to a dossier; each moves it from one status to another (or is refused). */
export const DOSSIER_EVENTS = [
  'accept',
  'request-supplement',
  'supplement-received',
  'refuse',
  'start-processing',
  'request-payment',
  'payment-received',
  'result-ready',
  'return-result',
  'withdraw',
  'stop',
] as const;
export type DossierEvent = (typeof DOSSIER_EVENTS)[number];

/** Every status a new dossier starts in, whatever the channel: the desk then accepts, asks or refuses. */
export const INITIAL_DOSSIER_STATUS: DossierStatus = 'registered';

/**
 * Withdrawal is possible in every status before a result exists (NĐ 61/2018 Art. 15–20; DOMAIN.md
 * "Withdrawal by the applicant is possible before a result").
 */
const WITHDRAW: Partial<Record<DossierEvent, DossierStatus>> = { withdraw: 'withdrawn' };

const TRANSITIONS: Readonly<Record<DossierStatus, Partial<Record<DossierEvent, DossierStatus>>>> = {
  registered: {
    accept: 'received',
    'request-supplement': 'awaiting-intake-supplement',
    refuse: 'refused-at-intake',
    ...WITHDRAW,
  },
  'awaiting-intake-supplement': {
    'supplement-received': 'registered',
    refuse: 'refused-at-intake',
    ...WITHDRAW,
  },
  'refused-at-intake': {},
  received: {
    'start-processing': 'processing',
    // fee mode "paid before processing"
    'request-payment': 'awaiting-payment',
    stop: 'stopped',
    ...WITHDRAW,
  },
  processing: {
    'request-supplement': 'awaiting-supplement',
    // refusal after appraisal is a result (form 03-style notice)
    refuse: 'refused',
    // fee mode "paid after processing, before the result"
    'request-payment': 'awaiting-payment',
    'result-ready': 'result-ready',
    stop: 'stopped',
    ...WITHDRAW,
  },
  'awaiting-supplement': {
    'supplement-received': 'processing',
    refuse: 'refused',
    stop: 'stopped',
    ...WITHDRAW,
  },
  // Awaiting payment is a pause inside processing: once paid, the workflow decides what comes next
  // (the next step, or the result).
  'awaiting-payment': {
    'payment-received': 'processing',
    stop: 'stopped',
    ...WITHDRAW,
  },
  'result-ready': { 'return-result': 'returned' },
  returned: {},
  refused: {},
  withdrawn: {},
  stopped: {},
};

/** Statuses no event can leave. */
export const FINAL_DOSSIER_STATUSES: readonly DossierStatus[] = DOSSIER_STATUSES.filter(
  (status) => Object.keys(TRANSITIONS[status]).length === 0,
);

/** Statuses in which a result (a certificate, a licence, or a refusal after appraisal) exists. */
export const RESULT_STATUSES: readonly DossierStatus[] = ['result-ready', 'returned', 'refused'];

export function isDossierStatus(value: unknown): value is DossierStatus {
  return typeof value === 'string' && (DOSSIER_STATUSES as readonly string[]).includes(value);
}

export function isDossierEvent(value: unknown): value is DossierEvent {
  return typeof value === 'string' && (DOSSIER_EVENTS as readonly string[]).includes(value);
}

export function isFinalDossierStatus(status: DossierStatus): boolean {
  return FINAL_DOSSIER_STATUSES.includes(status);
}

/** True while the applicant owes documents (intake or after appraisal): the clock is paused then. */
export function isAwaitingSupplement(status: DossierStatus): boolean {
  return status === 'awaiting-supplement' || status === 'awaiting-intake-supplement';
}

/**
 * What the dossier's processing clock is doing in `status`, for lists: 'paused' while the applicant owes
 * documents (the stored appointment is not in force then: it moves, or restarts, when the supplement arrives),
 * 'not-started' before the desk accepts, 'stopped' once a result exists or the dossier ended.
 */
export type DossierClockStatus = 'not-started' | 'running' | 'paused' | 'stopped';

export function dossierClockStatus(status: DossierStatus): DossierClockStatus {
  if (isAwaitingSupplement(status)) return 'paused';
  if (status === 'registered') return 'not-started';
  if ((RUNNING_CLOCK_DOSSIER_STATUSES as readonly string[]).includes(status)) return 'running';
  return 'stopped';
}

/**
 * THE list of open dossiers: accepted and still being handled (not ended, no result yet), whether the clock runs or
 * waits for the applicant's supplement after appraisal. Late lists, apologies and the calendar coverage use it; SQL
 * uses `OPEN_DOSSIER_STATUSES_SQL` (libs/persistence), built from it.
 */
export const OPEN_DOSSIER_STATUSES: readonly DossierStatus[] = [
  'received',
  'processing',
  'awaiting-supplement',
  'awaiting-payment',
];

/**
 * Open dossiers whose overall clock runs towards the appointment (`dossierClockStatus` 'running'). One waiting for
 * the applicant's supplement is open but paused: its stored appointment is not in force (it moves, or restarts,
 * when the supplement arrives), so it is never late or near due, and a calendar change does not move it.
 */
export const RUNNING_CLOCK_DOSSIER_STATUSES: readonly DossierStatus[] = ['received', 'processing', 'awaiting-payment'];

export function isOpenDossierStatus(status: DossierStatus): boolean {
  return OPEN_DOSSIER_STATUSES.includes(status);
}

/** Events accepted in `status`, in the order of `DOSSIER_EVENTS`. */
export function allowedDossierEvents(status: DossierStatus): DossierEvent[] {
  return DOSSIER_EVENTS.filter((event) => TRANSITIONS[status][event] !== undefined);
}

export function canTransition(from: DossierStatus, event: DossierEvent): boolean {
  return TRANSITIONS[from]?.[event] !== undefined;
}

/**
 * The status after `event` happens to a dossier in status `from`.
 * @throws DomainError kind 'conflict', code 'dossier.invalid-transition' when the event is not allowed.
 */
export function nextStatus(from: DossierStatus, event: DossierEvent): DossierStatus {
  const next = TRANSITIONS[from]?.[event];
  if (next === undefined) throw invalidTransition(from, event);
  return next;
}

/** Same check as `nextStatus`, for callers that only need the guard. */
export function assertTransition(from: DossierStatus, event: DossierEvent): void {
  nextStatus(from, event);
}

function invalidTransition(from: DossierStatus, event: DossierEvent): DomainError {
  if (!isDossierStatus(from) || !isDossierEvent(event)) {
    return new DomainError(
      'dossier.invalid-transition',
      `Unknown dossier status '${String(from)}' or event '${String(event)}'.`,
      'conflict',
      { from, event },
    );
  }
  const allowed = allowedDossierEvents(from);
  let reason: string;
  if (event === 'withdraw' && RESULT_STATUSES.includes(from)) {
    reason = 'withdrawal is only possible before a result exists';
  } else if (allowed.length === 0) {
    reason = `'${from}' is a final status`;
  } else {
    reason = `allowed events are ${allowed.map((name) => `'${name}'`).join(', ')}`;
  }
  return new DomainError(
    'dossier.invalid-transition',
    `A dossier in status '${from}' cannot take event '${event}': ${reason}.`,
    'conflict',
    { from, event, allowed },
  );
}

/** National portal status codes (DOMAIN.md "National status and channel codes"). */
export type NationalDossierStatusCode = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

const NATIONAL_STATUS_CODES: Readonly<Record<DossierStatus, NationalDossierStatusCode>> = {
  registered: 1, // newly registered
  received: 2, // received
  'refused-at-intake': 3, // not received
  processing: 4, // processing
  'awaiting-intake-supplement': 5, // supplement requested
  'awaiting-supplement': 5, // supplement requested
  'awaiting-payment': 6, // awaiting financial obligation
  withdrawn: 7, // withdrawn by applicant
  stopped: 8, // stopped
  'result-ready': 9, // processed
  // A refusal after appraisal is a result issued within the time limit, so the dossier is processed.
  refused: 9,
  returned: 10, // result returned
};

/** The status code used when syncing a dossier to the national portal. */
export function nationalStatusCode(status: DossierStatus): NationalDossierStatusCode {
  return NATIONAL_STATUS_CODES[status];
}
