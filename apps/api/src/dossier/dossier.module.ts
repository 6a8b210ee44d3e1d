import { Module } from '@nestjs/common';
import { DossierController } from './dossier.controller';
import { DossierFormsUseCase } from './dossier-forms.use-case';
import { DossierUseCase } from './dossier.use-case';

/** A dossier after intake: read, withdraw, verify its event chain, print forms 01–03. */
@Module({
  controllers: [DossierController],
  providers: [DossierUseCase, DossierFormsUseCase],
  exports: [DossierUseCase],
})
export class DossierModule {}
