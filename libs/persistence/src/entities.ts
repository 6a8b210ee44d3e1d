import { AgencyEntity } from './catalog/agency.entity';
import { ClockSettingEntity } from './clock/clock-setting.entity';
import { OutboxMessageEntity } from './outbox/outbox-message.entity';
import { ProcedureEntity } from './catalog/procedure.entity';
import { CalendarDayEntity } from './calendar/calendar-day.entity';
import { DossierEntity } from './dossier/dossier.entity';
import { DossierEventEntity } from './dossier/dossier-event.entity';
import { ClockEntryEntity } from './dossier/clock-entry.entity';
import { ProcessDefinitionEntity } from './workflow/process-definition.entity';
import { StepTaskEntity } from './workflow/step-task.entity';
import { UserEntity } from './identity/user.entity';
import { RefreshTokenEntity } from './identity/refresh-token.entity';

/**
 * The explicit entity list of the one DataSource (no globs: works the same under ts-jest and from dist/).
 * Add new entities at the end, one line each (several people add here).
 */
export const ENTITIES = [
  OutboxMessageEntity,
  ClockSettingEntity,
  AgencyEntity,
  ProcedureEntity,
  CalendarDayEntity,
  DossierEntity,
  DossierEventEntity,
  ClockEntryEntity,
  ProcessDefinitionEntity,
  StepTaskEntity,
  UserEntity,
  RefreshTokenEntity,
];
