import { Module } from '@nestjs/common';
import { IntakeController } from './intake.controller';
import { RegisterDossierUseCase } from './register-dossier.use-case';

/** Desk, postal and online intake. */
@Module({ controllers: [IntakeController], providers: [RegisterDossierUseCase] })
export class IntakeModule {}
