import { AGENCY_GRAIN, counterGrainFor, FULL_GRAIN, PROCEDURE_GRAIN, rollUpCounters } from './counter-grain';

describe('counterGrainFor (which counter tables a period sum reads)', () => {
  const subtree = ['a1', 'a2'];

  it('reads the per-procedure roll-ups when every agency is in scope and nothing groups by agency', () => {
    expect(counterGrainFor({ agencyIds: null, groupBy: null })).toBe(PROCEDURE_GRAIN);
    expect(counterGrainFor({ agencyIds: null, groupBy: 'procedure' })).toBe(PROCEDURE_GRAIN);
    expect(counterGrainFor({ agencyIds: null, groupBy: 'field' })).toBe(PROCEDURE_GRAIN);
    expect(counterGrainFor({ agencyIds: null, procedureId: 'p', groupBy: null })).toBe(PROCEDURE_GRAIN);
    expect(counterGrainFor({ agencyIds: null, field: 'f', groupBy: 'procedure' })).toBe(PROCEDURE_GRAIN);
  });

  it('reads the per-agency roll-ups when no procedure or field filters or groups', () => {
    expect(counterGrainFor({ agencyIds: subtree, groupBy: null })).toBe(AGENCY_GRAIN);
    expect(counterGrainFor({ agencyIds: subtree, groupBy: 'agency' })).toBe(AGENCY_GRAIN);
    expect(counterGrainFor({ agencyIds: null, groupBy: 'agency' })).toBe(AGENCY_GRAIN);
  });

  it('reads the full counters when a query needs both an agency subset and procedures', () => {
    expect(counterGrainFor({ agencyIds: subtree, groupBy: 'procedure' })).toBe(FULL_GRAIN);
    expect(counterGrainFor({ agencyIds: subtree, groupBy: 'field' })).toBe(FULL_GRAIN);
    expect(counterGrainFor({ agencyIds: subtree, procedureId: 'p', groupBy: null })).toBe(FULL_GRAIN);
    expect(counterGrainFor({ agencyIds: null, field: 'f', groupBy: 'agency' })).toBe(FULL_GRAIN);
  });

  it('every grain it picks has the columns the query filters and groups on', () => {
    for (const agencyIds of [null, subtree]) {
      for (const procedureId of [undefined, 'p']) {
        for (const field of [undefined, 'f']) {
          for (const groupBy of [null, 'procedure', 'agency', 'field'] as const) {
            const grain = counterGrainFor({ agencyIds, procedureId, field, groupBy });
            if (agencyIds !== null || groupBy === 'agency') expect(grain.hasAgency).toBe(true);
            if (procedureId || field || groupBy === 'procedure' || groupBy === 'field')
              expect(grain.hasProcedure).toBe(true);
          }
        }
      }
    }
  });

  it('rolls the full daily counters up by the kept dimension, day or month', () => {
    const daily = new Map([
      ['a1|p1|online|2031-01-05|received', 2],
      ['a1|p2|online|2031-01-05|received', 3],
      ['a2|p1|online|2031-01-20|received', 4],
    ]);
    expect(rollUpCounters(daily, AGENCY_GRAIN, 'day')).toEqual(
      new Map([
        ['2031-01-05|a1|online|received', 5],
        ['2031-01-20|a2|online|received', 4],
      ]),
    );
    expect(rollUpCounters(daily, PROCEDURE_GRAIN, 'month')).toEqual(
      new Map([
        ['2031-01-01|p1|online|received', 6],
        ['2031-01-01|p2|online|received', 3],
      ]),
    );
  });
});
