import { Module } from '@nestjs/common';
import { SupplementReceivedController } from './supplement-received.controller';
import { SupplementReceivedUseCase } from './supplement-received.use-case';

/** Supplement received after appraisal (the desk resumes the dossier clock; the asking step starts again). */
@Module({ controllers: [SupplementReceivedController], providers: [SupplementReceivedUseCase] })
export class SupplementModule {}
