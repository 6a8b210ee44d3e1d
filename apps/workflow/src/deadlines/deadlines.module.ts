import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DEADLINE_QUEUE } from '@motcua/queues';
import { DeadlineProcessor } from './deadline.processor';
import { DeadlineSweeper } from './deadline-sweeper.service';
import { DeadlineTimerEffect } from './deadline-timer-effect';
import { FireTimerUseCase } from './fire-timer.use-case';

/** Deadline timers (delayed jobs + Postgres sweeper); their notifications go to the delivery app's queue. */
@Module({
  imports: [BullModule.registerQueue({ name: DEADLINE_QUEUE.name })],
  providers: [DeadlineTimerEffect, FireTimerUseCase, DeadlineSweeper, DeadlineProcessor],
  exports: [DeadlineSweeper],
})
export class DeadlinesModule {}
