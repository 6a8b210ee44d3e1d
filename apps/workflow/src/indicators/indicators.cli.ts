import { processConfig } from '@motcua/config';
import { DEFAULT_INDICATOR_RULE_SET_ID, getIndicatorRuleSet } from '@motcua/domain';
import {
  checkIndicatorProjection,
  createDataSource,
  resetIndicatorProjection,
  runMigrationsUnderLock,
} from '@motcua/persistence';
import { SubscriberRunner } from '@motcua/platform';
import { IndicatorProjectionSubscriber } from './indicator-projection.subscriber';

/**
 * `npm run indicators:rebuild`: empties the indicator projections and replays the whole event log into them (the
 * running workflow services keep working; they see the cursor at the start and help).
 * `npm run indicators:check`: compares the projections with a recomputation from the raw events; exit 1 on a
 * difference.
 */
async function main(command: string | undefined): Promise<number> {
  if (command !== 'rebuild' && command !== 'check') {
    console.error('usage: indicators.cli (rebuild | check)');
    return 2;
  }
  const config = processConfig();
  const dataSource = createDataSource({ url: config.DATABASE_URL, applicationName: 'motcua-indicators' });
  await dataSource.initialize();
  try {
    await runMigrationsUnderLock(dataSource);
    const ruleSet = getIndicatorRuleSet(DEFAULT_INDICATOR_RULE_SET_ID);
    if (command === 'rebuild') {
      const runner = new SubscriberRunner(dataSource, [new IndicatorProjectionSubscriber()], {
        batchSize: config.SUBSCRIBER_BATCH_SIZE,
        pollIntervalMs: config.SUBSCRIBER_POLL_INTERVAL_MS,
        now: () => new Date(),
      });
      await runner.register();
      await resetIndicatorProjection(dataSource);
      const applied = await runner.drain();
      console.log(`indicators: rebuilt from ${applied} events`);
    }
    const check = await checkIndicatorProjection(dataSource, ruleSet);
    console.log(JSON.stringify(check, null, 2));
    return check.ok ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`indicators: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
