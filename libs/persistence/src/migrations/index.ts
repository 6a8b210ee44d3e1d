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
import { DeliverySchema1765080000000 } from './1765080000000-delivery-schema';
import { DossierSearch1765080000001 } from './1765080000001-dossier-search';
import { DeadlineSupervision1765050000000 } from './1765050000000-deadline-supervision';
import { CalendarYearsRecompute1765050000001 } from './1765050000001-calendar-years-recompute';
import { ProcedureCutoffDefault1765050000002 } from './1765050000002-procedure-cutoff-default';
import { SupplementClockChoice1765050000010 } from './1765050000010-supplement-clock-choice';
import { Payment1765060000000 } from './1765060000000-payment';
import { StaffAdministration1765040000000 } from './1765040000000-staff-administration';
import { IndicatorProjections1765070000000 } from './1765070000000-indicator-projections';
import { ApplicantNotifications1765030000000 } from './1765030000000-applicant-notifications';
import { CitizenFeedback1765030000001 } from './1765030000001-citizen-feedback';
import { NationalPortalSync1765030000002 } from './1765030000002-national-portal-sync';
import { OpenStepKinds1765081000000 } from './1765081000000-open-step-kinds';
import { IndicatorOpenLevels1765104000000 } from './1765104000000-indicator-open-levels';
import { SupervisionCounts1765104000001 } from './1765104000001-supervision-counts';
import { DossierSearchPlans1765104000002 } from './1765104000002-dossier-search-plans';
import { IndicatorMonthlyCounters1765202000000 } from './1765202000000-indicator-monthly-counters';
import { CalendarTet20251765305000000 } from './1765305000000-calendar-tet-2025';
import { CalendarSwaps20251765402000000 } from './1765402000000-calendar-swaps-2025';
import { CalendarRevision1765102000000 } from './1765102000000-calendar-revision';
import { NotificationSendAttempts1765201000000 } from './1765201000000-notification-send-attempts';
import { LateListAgencyIndex1765303000000 } from './1765303000000-late-list-agency-index';
import { IndicatorRollUpGrains1765303000001 } from './1765303000001-indicator-roll-up-grains';

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
  DeliverySchema1765080000000,
  DossierSearch1765080000001,
  DeadlineSupervision1765050000000,
  CalendarYearsRecompute1765050000001,
  ProcedureCutoffDefault1765050000002,
  SupplementClockChoice1765050000010,
  Payment1765060000000,
  StaffAdministration1765040000000,
  IndicatorProjections1765070000000,
  ApplicantNotifications1765030000000,
  CitizenFeedback1765030000001,
  NationalPortalSync1765030000002,
  OpenStepKinds1765081000000,
  IndicatorOpenLevels1765104000000,
  SupervisionCounts1765104000001,
  DossierSearchPlans1765104000002,
  CalendarRevision1765102000000,
  NotificationSendAttempts1765201000000,
  IndicatorMonthlyCounters1765202000000,
  LateListAgencyIndex1765303000000,
  IndicatorRollUpGrains1765303000001,
  CalendarTet20251765305000000,
  CalendarSwaps20251765402000000,
];
