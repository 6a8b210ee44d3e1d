import { Module } from '@nestjs/common';
import { ControlSlipController } from './control-slip.controller';
import { ControlSlipUseCase } from './control-slip.use-case';

/** Form 05, control slip (JSON and PDF). */
@Module({ controllers: [ControlSlipController], providers: [ControlSlipUseCase] })
export class ControlSlipModule {}
