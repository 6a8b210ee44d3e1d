import type { Actor } from './access.decorator';
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
