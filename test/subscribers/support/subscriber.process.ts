/*
 * A subscriber service in its own OS process (issue 9, acceptance 3): the platform (Postgres, Redis, outbox relay,
 * clock) plus the event-subscriber runner with the recording subscriber. Prints "ready" once running; stops on
 * SIGTERM; the test kills it with SIGKILL mid-way.
 *   node -r test/support/ts-register.js test/subscribers/support/subscriber.process.ts '{"databaseUrl":...}'
 */
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@motcua/config';
import { PlatformModule, SubscribersModule } from '@motcua/platform';
import { RecordingSubscriber } from './subscriber-fixture';

interface Job {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  batchSize: number;
}

@Injectable()
class AcceptanceSubscriber extends RecordingSubscriber {
  constructor() {
    super('acceptance');
  }
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]) as Job;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: job.databaseUrl,
    REDIS_URL: job.redisUrl,
    QUEUE_PREFIX: job.queuePrefix,
    LOG_LEVEL: 'silent',
    MIGRATIONS_RUN_AT_BOOT: 'false',
    OUTBOX_POLL_INTERVAL_MS: '50',
    SUBSCRIBER_BATCH_SIZE: String(job.batchSize),
    SUBSCRIBER_POLL_INTERVAL_MS: '25',
  });
  @Module({
    imports: [
      PlatformModule.forRoot({ config, outboxRelay: true }),
      SubscribersModule.forRoot({ subscribers: [AcceptanceSubscriber], run: true }),
    ],
  })
  class SubscriberProcessModule {}
  const app = await NestFactory.createApplicationContext(SubscriberProcessModule, { logger: ['error'] });
  app.enableShutdownHooks();
  await app.init();
  process.stdout.write(`ready ${process.pid}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
