import type { EntityManager } from 'typeorm';
import { AgencyRepository } from '../catalog/agency.repository';
import { hashPassword } from '../identity/password';
import { UserRepository } from '../identity/user.repository';
import type { Seed, SeedContext } from './seed';

export interface DemoUser {
  username: string;
  password: string;
  displayName: string;
  roles: string[];
  /** Identifier of a demo agency (see DEMO_AGENCIES). */
  agencyIdentifier: string;
}

/**
 * Demo accounts, one or more per role, on the demo agencies of the catalog seed. The passwords are public
 * (printed by scripts/up.sh): never run the demo seed against a real deployment.
 */
export const DEMO_USERS: DemoUser[] = [
  {
    username: 'desk.anhoa',
    password: 'demo-desk-anhoa',
    displayName: 'Cán bộ một cửa xã An Hòa',
    roles: ['desk_officer'],
    agencyIdentifier: '000.21.12.H62',
  },
  {
    username: 'desk.anbinh',
    password: 'demo-desk-anbinh',
    displayName: 'Cán bộ một cửa huyện An Bình',
    roles: ['desk_officer'],
    agencyIdentifier: '000.00.12.H62',
  },
  {
    username: 'desk.centre',
    password: 'demo-desk-centre',
    displayName: 'Cán bộ Trung tâm Phục vụ hành chính công',
    roles: ['desk_officer'],
    agencyIdentifier: '000.00.01.H62',
  },
  {
    username: 'officer.land',
    password: 'demo-officer-land',
    displayName: 'Chuyên viên Văn phòng Đăng ký đất đai',
    roles: ['agency_officer'],
    agencyIdentifier: '000.02.02.H62',
  },
  {
    username: 'lead.land',
    password: 'demo-lead-land',
    displayName: 'Lãnh đạo Văn phòng Đăng ký đất đai',
    roles: ['agency_lead'],
    agencyIdentifier: '000.02.02.H62',
  },
  {
    username: 'officer.anhoa',
    password: 'demo-officer-anhoa',
    displayName: 'Công chức xã An Hòa',
    roles: ['agency_officer'],
    agencyIdentifier: '000.21.12.H62',
  },
  {
    username: 'lead.anhoa',
    password: 'demo-lead-anhoa',
    displayName: 'Chủ tịch UBND xã An Hòa',
    roles: ['agency_lead'],
    agencyIdentifier: '000.21.12.H62',
  },
  {
    username: 'supervisor.anbinh',
    password: 'demo-supervisor-anbinh',
    displayName: 'Giám sát huyện An Bình',
    roles: ['supervisor'],
    agencyIdentifier: '000.00.12.H62',
  },
  {
    username: 'supervisor.province',
    password: 'demo-supervisor-province',
    displayName: 'Giám sát tỉnh',
    roles: ['supervisor'],
    agencyIdentifier: '000.00.00.H62',
  },
  {
    username: 'admin',
    password: 'demo-admin',
    displayName: 'Quản trị hệ thống',
    roles: ['admin'],
    agencyIdentifier: '000.00.00.H62',
  },
];

/** Lines for the README's first command: who can sign in, with which password and role. */
export function demoUserLines(): string[] {
  return DEMO_USERS.map(
    (user) =>
      `${user.username.padEnd(20)} ${user.password.padEnd(26)} ${user.roles.join(',').padEnd(15)} ${user.agencyIdentifier}`,
  );
}

/** Demo users (idempotent: an existing username is left as it is). Runs after the catalog seed. */
export const USERS_SEED: Seed = {
  name: 'identity: demo users',
  async run(manager: EntityManager, log: (line: string) => void, context?: SeedContext): Promise<void> {
    if (context?.config.NODE_ENV === 'production') {
      // Their passwords are published in this file: never on a real deployment.
      log(
        `refused: demo users are not created when NODE_ENV=production (their passwords are public); create real accounts instead`,
      );
      return;
    }
    const agencies = new AgencyRepository(manager);
    const users = new UserRepository(manager);
    let created = 0;
    for (const demo of DEMO_USERS) {
      if (await users.findByUsername(demo.username)) continue;
      const agency = await agencies.findByIdentifier(demo.agencyIdentifier);
      if (!agency)
        throw new Error(
          `demo user ${demo.username}: agency ${demo.agencyIdentifier} missing (run the catalog seed first)`,
        );
      await users.createUser({
        username: demo.username,
        displayName: demo.displayName,
        passwordHash: await hashPassword(demo.password),
        roles: demo.roles,
        agencyId: agency.id,
      });
      created++;
    }
    log(`${created} demo users created, ${DEMO_USERS.length - created} already present`);
  },
};
