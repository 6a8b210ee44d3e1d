import { Foundation1763790000000 } from './1763790000000-foundation';
import { Agency1763795000000 } from './1763795000000-agency';
import { DossierSchema1763800000000 } from './1763800000000-dossier-schema';
import { CalendarSeed1763800100000 } from './1763800100000-calendar-seed';
import { WorkflowSchema1764000000000 } from './1764000000000-workflow-schema';
import { Identity1763900000000 } from './1763900000000-identity';
import { DeadlineTimers1764100000000 } from './1764100000000-deadline-timers';
import { DeadlineTimerRetry1764100100000 } from './1764100100000-deadline-timer-retry';
import { IntakeRequestFingerprint1763800200000 } from './1763800200000-intake-request-fingerprint';
import { EventSubscribers1765020000000 } from './1765020000000-event-subscribers';
import { StaffAdministration1765040000000 } from './1765040000000-staff-administration';

/**
 * Every migration, in timestamp order. Add new ones at the end (one line each; several people add here).
 * Timestamp ranges by area, so parallel work never collides: catalog/intake 17638xxxxxxxx,
 * identity 17639xxxxxxxx, workflow 17640xxxxxxxx, deadlines 17641xxxxxxxx.
 */
export const MIGRATIONS = [
  Foundation1763790000000,
  Agency1763795000000,
  DossierSchema1763800000000,
  CalendarSeed1763800100000,
  WorkflowSchema1764000000000,
  DeadlineTimers1764100000000,
  Identity1763900000000,
  DeadlineTimerRetry1764100100000,
  IntakeRequestFingerprint1763800200000,
  EventSubscribers1765020000000,
  StaffAdministration1765040000000,
];
