import { Module } from '@nestjs/common';
import { DossierClockController } from './dossier-clock.controller';
import { DossierClockUseCase } from './dossier-clock.use-case';
import { StepOverrunsController } from './step-overruns.controller';
import { StepOverrunsUseCase } from './step-overruns.use-case';
import { SupervisionDeadlinesController } from './supervision-deadlines.controller';
import { SupervisionDeadlinesUseCase } from './supervision-deadlines.use-case';
import { TrackingRegisterController } from './tracking-register.controller';
import { TrackingRegisterUseCase } from './tracking-register.use-case';

/** Supervisor deadline views: late and near-due lists, per-agency counts, step overruns; a dossier's clock. */
@Module({
  controllers: [
    SupervisionDeadlinesController,
    StepOverrunsController,
    DossierClockController,
    TrackingRegisterController,
  ],
  providers: [SupervisionDeadlinesUseCase, StepOverrunsUseCase, DossierClockUseCase, TrackingRegisterUseCase],
})
export class SupervisionDeadlinesModule {}
