import { Module } from '@nestjs/common';
import { SupervisionDeadlinesController } from './supervision-deadlines.controller';
import { SupervisionDeadlinesUseCase } from './supervision-deadlines.use-case';

/** Supervisor deadline views: late and near-due lists, per-agency counts, a dossier's clock. */
@Module({ controllers: [SupervisionDeadlinesController], providers: [SupervisionDeadlinesUseCase] })
export class SupervisionDeadlinesModule {}
