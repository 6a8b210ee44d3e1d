import {
  comparePositions,
  isInDossierOrder,
  isValidSubscriberName,
  START_POSITION,
  subscriberRetryDelayMs,
} from './subscriber-position';

describe('subscriber positions', () => {
  it('orders by tx_order first, then by event id, as unsigned 64-bit numbers', () => {
    expect(comparePositions({ tx: '9', eventId: '100' }, { tx: '10', eventId: '1' })).toBe(-1);
    expect(comparePositions({ tx: '10', eventId: '2' }, { tx: '10', eventId: '1' })).toBe(1);
    expect(comparePositions({ tx: '10', eventId: '2' }, { tx: '10', eventId: '2' })).toBe(0);
    // Beyond Number.MAX_SAFE_INTEGER (xid8 carries the epoch in its high bits).
    expect(comparePositions({ tx: '9007199254740993', eventId: '1' }, { tx: '9007199254740992', eventId: '1' })).toBe(
      1,
    );
    expect(comparePositions(START_POSITION, { tx: '0', eventId: '1' })).toBe(-1);
  });

  it('accepts lower-case names with digits, dots and dashes only', () => {
    expect(isValidSubscriberName('notifications.email')).toBe(true);
    expect(isValidSubscriberName('indicator-projection-2')).toBe(true);
    expect(isValidSubscriberName('Notifications')).toBe(false);
    expect(isValidSubscriberName('-leading-dash')).toBe(false);
    expect(isValidSubscriberName('with space')).toBe(false);
    expect(isValidSubscriberName('x'.repeat(64))).toBe(false);
  });

  it('backs off by doubling up to a cap', () => {
    expect([0, 1, 2, 3, 4].map((failures) => subscriberRetryDelayMs(failures, 100, 1000))).toEqual([
      0, 100, 200, 400, 800,
    ]);
    expect(subscriberRetryDelayMs(50, 100, 1000)).toBe(1000);
  });

  it('checks that each dossier’s events come in increasing sequence order', () => {
    expect(
      isInDossierOrder([
        { dossierId: 'a', sequence: 1 },
        { dossierId: 'b', sequence: 4 },
        { dossierId: 'a', sequence: 2 },
      ]),
    ).toBe(true);
    expect(
      isInDossierOrder([
        { dossierId: 'a', sequence: 2 },
        { dossierId: 'a', sequence: 1 },
      ]),
    ).toBe(false);
    expect(
      isInDossierOrder([
        { dossierId: 'a', sequence: 1 },
        { dossierId: 'a', sequence: 1 },
      ]),
    ).toBe(false);
  });
});
