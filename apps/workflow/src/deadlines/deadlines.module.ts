import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DEADLINE_QUEUE, NOTIFICATION_QUEUE } from '@motcua/queues';
import { DeadlineProcessor } from './deadline.processor';
import { DeadlineSweeper } from './deadline-sweeper.service';
import { DeadlineTimerEffect } from './deadline-timer-effect';
import { FireTimerUseCase } from './fire-timer.use-case';
import { NotificationProcessor } from './notification.processor';

/** Deadline timers (delayed jobs + Postgres sweeper) and the notification recorder. */
@Module({
  imports: [BullModule.registerQueue({ name: DEADLINE_QUEUE.name }, { name: NOTIFICATION_QUEUE.name })],
  providers: [DeadlineTimerEffect, FireTimerUseCase, DeadlineSweeper, DeadlineProcessor, NotificationProcessor],
  exports: [DeadlineSweeper],
})
export class DeadlinesModule {}
