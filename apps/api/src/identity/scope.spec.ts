import type { Actor } from './access.decorator';
import { accessScopeClause, accessScopeCondition } from '@motcua/persistence';
import { isWithinScope, scopeCondition, scopeOf } from './scope';

const base = { userId: 'u', username: 'x', agencyId: 'district', agencyPath: '/province/district/' };
const as = (role: Actor['roles'][number]): Actor => ({ ...base, roles: [role] });

describe('scope helpers', () => {
  it('maps roles to scopes', () => {
    expect(scopeOf(as('admin'))).toEqual({ kind: 'all' });
    expect(scopeOf(as('supervisor'))).toEqual({ kind: 'subtree', agencyPathPrefix: '/province/district/' });
    expect(scopeOf(as('desk_officer'))).toEqual({ kind: 'agencies', agencyIds: ['district'] });
  });

  it('decides object scope by agency path', () => {
    const commune = { id: 'commune', path: '/province/district/commune/' };
    const other = { id: 'other', path: '/province/other/' };
    expect(isWithinScope(as('supervisor'), commune)).toBe(true);
    expect(isWithinScope(as('supervisor'), other)).toBe(false);
    expect(isWithinScope(as('desk_officer'), commune)).toBe(false);
    expect(isWithinScope(as('desk_officer'), { id: 'district', path: '/province/district/' })).toBe(true);
    expect(isWithinScope(as('admin'), other)).toBe(true);
  });

  it('builds SQL fragments with parameters', () => {
    expect(scopeCondition(as('supervisor'), 'dossier.receiving_agency_id')).toEqual({
      sql: `dossier.receiving_agency_id IN (SELECT scope_agency.id FROM agency scope_agency WHERE scope_agency.path LIKE :scopePrefix || '%')`,
      parameters: { scopePrefix: '/province/district/' },
    });
    expect(scopeCondition(as('agency_officer'), 'step.agency_id', 'step')).toEqual({
      sql: 'step.agency_id IN (:...stepAgencyIds)',
      parameters: { stepAgencyIds: ['district'] },
    });
    expect(scopeCondition(as('admin'), 'x').sql).toBe('TRUE');
  });
});

describe('one scope rule for every read (dossier detail, lists, complaints, reuse, reports)', () => {
  const deepAdmin: Actor = {
    userId: 'a',
    username: 'admin',
    agencyId: 'commune',
    agencyPath: '/province/district/commune/',
    roles: ['admin'],
  };

  it('an admin sees everything, whatever agency the account belongs to (not its own subtree)', () => {
    expect(scopeOf(deepAdmin)).toEqual({ kind: 'all' });
    expect(isWithinScope(deepAdmin, { id: 'other', path: '/other-province/' })).toBe(true);
    expect(scopeCondition(deepAdmin, 'dossier.receiving_agency_id')).toEqual({ sql: 'TRUE', parameters: {} });
    expect(accessScopeClause(scopeOf(deepAdmin), 'c.agency_id', 2)).toEqual({ sql: 'TRUE', params: [] });
  });

  it('a supervisor who is also an admin sees everything; an admin-less supervisor its subtree', () => {
    expect(scopeOf({ ...deepAdmin, roles: ['supervisor', 'admin'] })).toEqual({ kind: 'all' });
    expect(scopeOf({ ...deepAdmin, roles: ['supervisor'] })).toEqual({
      kind: 'subtree',
      agencyPathPrefix: '/province/district/commune/',
    });
  });

  it('desk officers, agency officers and leads see their own agency only', () => {
    for (const role of ['desk_officer', 'agency_officer', 'agency_lead'] as const) {
      expect(scopeOf(as(role))).toEqual({ kind: 'agencies', agencyIds: ['district'] });
    }
  });

  it('the raw-SQL form (complaints, reuse) says the same as the query-builder form', () => {
    expect(accessScopeClause(scopeOf(as('supervisor')), 'c.agency_id', 2)).toEqual({
      sql: `c.agency_id IN (SELECT scope_agency.id FROM agency scope_agency WHERE scope_agency.path LIKE $2 || '%')`,
      params: ['/province/district/'],
    });
    expect(accessScopeClause(scopeOf(as('desk_officer')), 'd.receiving_agency_id', 1)).toEqual({
      sql: 'd.receiving_agency_id = ANY($1::uuid[])',
      params: [['district']],
    });
  });

  it('escapes LIKE wildcards in a path prefix', () => {
    expect(accessScopeCondition({ kind: 'subtree', agencyPathPrefix: '/a_b%/' }, 'x').parameters).toEqual({
      scopePrefix: '/a\\_b\\%/',
    });
  });
});
