import { DomainError } from '../errors/domain-error';
import { channelFromNationalCode, DOSSIER_CHANNELS, nationalChannelCode } from './dossier-channel';
import {
  assertTransition,
  DOSSIER_EVENTS,
  dossierClockStatus,
  DOSSIER_STATUSES,
  DossierEvent,
  DossierStatus,
  FINAL_DOSSIER_STATUSES,
  isAwaitingSupplement,
  isOpenDossierStatus,
  nationalStatusCode,
  OPEN_DOSSIER_STATUSES,
  RESULT_STATUSES,
  RUNNING_CLOCK_DOSSIER_STATUSES,
  nextStatus,
} from './dossier-status';

// The whole table written out by hand: every (status, event) pair not listed here must be refused.
const EXPECTED: Record<DossierStatus, Partial<Record<DossierEvent, DossierStatus>>> = {
  registered: {
    accept: 'received',
    'request-supplement': 'awaiting-intake-supplement',
    refuse: 'refused-at-intake',
    withdraw: 'withdrawn',
  },
  'awaiting-intake-supplement': {
    'supplement-received': 'registered',
    refuse: 'refused-at-intake',
    withdraw: 'withdrawn',
  },
  'refused-at-intake': {},
  received: {
    'start-processing': 'processing',
    'request-payment': 'awaiting-payment',
    stop: 'stopped',
    withdraw: 'withdrawn',
  },
  processing: {
    'request-supplement': 'awaiting-supplement',
    refuse: 'refused',
    'request-payment': 'awaiting-payment',
    'result-ready': 'result-ready',
    stop: 'stopped',
    withdraw: 'withdrawn',
  },
  'awaiting-supplement': {
    'supplement-received': 'processing',
    refuse: 'refused',
    stop: 'stopped',
    withdraw: 'withdrawn',
  },
  'awaiting-payment': { 'payment-received': 'processing', stop: 'stopped', withdraw: 'withdrawn' },
  'result-ready': { 'return-result': 'returned' },
  returned: {},
  refused: {},
  withdrawn: {},
  stopped: {},
};

const ALL_PAIRS = DOSSIER_STATUSES.flatMap((from) => DOSSIER_EVENTS.map((event) => [from, event] as const));

describe('dossier state machine', () => {
  it.each(ALL_PAIRS)('%s + %s follows the table', (from, event) => {
    const expected = EXPECTED[from][event];
    if (expected === undefined) {
      expect(() => nextStatus(from, event)).toThrow(DomainError);
      try {
        assertTransition(from, event);
        throw new Error('expected a DomainError');
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).kind).toBe('conflict');
        expect((error as DomainError).code).toBe('dossier.invalid-transition');
        expect((error as DomainError).message).toContain(`'${from}'`);
        expect((error as DomainError).message).toContain(`'${event}'`);
      }
    } else {
      expect(nextStatus(from, event)).toBe(expected);
      expect(() => assertTransition(from, event)).not.toThrow();
    }
  });

  it('allows withdrawal in every status before a result, and never after', () => {
    const beforeResult: DossierStatus[] = [
      'registered',
      'awaiting-intake-supplement',
      'received',
      'processing',
      'awaiting-supplement',
      'awaiting-payment',
    ];
    for (const status of DOSSIER_STATUSES) {
      if (beforeResult.includes(status)) expect(nextStatus(status, 'withdraw')).toBe('withdrawn');
      else expect(() => nextStatus(status, 'withdraw')).toThrow(DomainError);
    }
    expect(() => nextStatus('result-ready', 'withdraw')).toThrow(
      "A dossier in status 'result-ready' cannot take event 'withdraw': withdrawal is only possible before a result exists.",
    );
  });

  it('names the allowed events in the message', () => {
    expect(() => nextStatus('received', 'return-result')).toThrow(
      "A dossier in status 'received' cannot take event 'return-result': allowed events are 'start-processing', 'request-payment', 'withdraw', 'stop'.",
    );
    expect(() => nextStatus('stopped', 'accept')).toThrow("'stopped' is a final status");
  });

  it('lists the final statuses', () => {
    expect([...FINAL_DOSSIER_STATUSES].sort()).toEqual(
      ['refused-at-intake', 'returned', 'refused', 'withdrawn', 'stopped'].sort(),
    );
  });

  it('recognises both supplement waits', () => {
    expect(DOSSIER_STATUSES.filter(isAwaitingSupplement)).toEqual([
      'awaiting-intake-supplement',
      'awaiting-supplement',
    ]);
  });
});

describe('open dossiers: one list', () => {
  it('open = accepted, not ended and no result yet', () => {
    const notYetAccepted: DossierStatus[] = ['registered', 'awaiting-intake-supplement'];
    expect([...OPEN_DOSSIER_STATUSES].sort()).toEqual(
      DOSSIER_STATUSES.filter(
        (status) =>
          !notYetAccepted.includes(status) &&
          !FINAL_DOSSIER_STATUSES.includes(status) &&
          !RESULT_STATUSES.includes(status) &&
          status !== 'result-ready',
      ).sort(),
    );
    expect(OPEN_DOSSIER_STATUSES.filter(isOpenDossierStatus)).toEqual(OPEN_DOSSIER_STATUSES);
    expect(isOpenDossierStatus('result-ready')).toBe(false);
    expect(isOpenDossierStatus('registered')).toBe(false);
  });

  it('running clock = open minus the supplement wait after appraisal (paused), as dossierClockStatus says', () => {
    expect(RUNNING_CLOCK_DOSSIER_STATUSES).toEqual(['received', 'processing', 'awaiting-payment']);
    expect(DOSSIER_STATUSES.filter((status) => dossierClockStatus(status) === 'running')).toEqual(
      RUNNING_CLOCK_DOSSIER_STATUSES,
    );
    expect(OPEN_DOSSIER_STATUSES.filter((status) => !RUNNING_CLOCK_DOSSIER_STATUSES.includes(status))).toEqual([
      'awaiting-supplement',
    ]);
  });
});

describe('national portal codes', () => {
  it.each<[DossierStatus, number]>([
    ['registered', 1],
    ['received', 2],
    ['refused-at-intake', 3],
    ['processing', 4],
    ['awaiting-intake-supplement', 5],
    ['awaiting-supplement', 5],
    ['awaiting-payment', 6],
    ['withdrawn', 7],
    ['stopped', 8],
    ['result-ready', 9],
    ['refused', 9],
    ['returned', 10],
  ])('status %s → %i', (status, code) => {
    expect(nationalStatusCode(status)).toBe(code);
  });

  it('covers every status', () => {
    for (const status of DOSSIER_STATUSES) expect(nationalStatusCode(status)).toBeGreaterThanOrEqual(1);
  });

  it('maps channels both ways', () => {
    expect(DOSSIER_CHANNELS.map(nationalChannelCode)).toEqual([1, 2, 3]);
    expect([1, 2, 3].map(channelFromNationalCode)).toEqual(['in-person', 'online', 'postal']);
    expect(() => channelFromNationalCode(4)).toThrow(DomainError);
  });
});

describe('dossierClockStatus', () => {
  it('is paused exactly while the applicant owes documents, running while the appointment is in force', () => {
    const byStatus = Object.fromEntries(DOSSIER_STATUSES.map((status) => [status, dossierClockStatus(status)]));
    expect(byStatus).toEqual({
      registered: 'not-started',
      'awaiting-intake-supplement': 'paused',
      'refused-at-intake': 'stopped',
      received: 'running',
      processing: 'running',
      'awaiting-supplement': 'paused',
      'awaiting-payment': 'running',
      'result-ready': 'stopped',
      returned: 'stopped',
      refused: 'stopped',
      withdrawn: 'stopped',
      stopped: 'stopped',
    });
  });
});
