import { Module } from '@nestjs/common';
import { SimulationController } from './simulation.controller';
import { SimulationUseCase } from './simulation.use-case';

/** Issue 18: the what-if simulator for supervisors and admins. */
@Module({ controllers: [SimulationController], providers: [SimulationUseCase] })
export class SimulationModule {}
