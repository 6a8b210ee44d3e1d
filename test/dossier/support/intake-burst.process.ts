/**
 * One "API process" of the concurrent-intake test: runs its share of intakes against the database given in
 * argv[2] (JSON job) and prints one JSON line with the codes it got. Started with test/support/ts-register.js.
 */
import 'reflect-metadata';
import { FixedClock } from '@motcua/domain';
import { createDataSource } from '@motcua/persistence';
import { IntakeCommand, IntakeUseCase } from '../../../libs/application/src/intake/intake.use-case';

interface BurstJob {
  databaseUrl: string;
  agencyId: string;
  procedureId: string;
  keys: string[];
  now: string;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]) as BurstJob;
  const pool = createDataSource({ url: job.databaseUrl, poolSize: 10, applicationName: `intake-burst-${process.pid}` });
  await pool.initialize();
  const intake = new IntakeUseCase(pool, new FixedClock(job.now), 'test-lookup-key-0123456789abcdef0123');
  const command = (key: string): IntakeCommand => ({
    receivingAgencyId: job.agencyId,
    actor: null,
    idempotencyKey: key,
    procedureId: job.procedureId,
    channel: 'in-person',
    applicant: { name: `Người nộp ${key}`, identityNumber: '001190012345', address: 'xã An Hòa', phone: '0912345678' },
    documents: [
      { code: 'TK', form: 'original', count: 1 },
      { code: 'GCS', form: 'original', count: 1 },
    ],
    outcome: 'accept',
  });
  const results = await Promise.all(
    job.keys.map((key) =>
      intake.register(command(key)).then((result) => ({ key, code: result.dossier.code, replayed: result.replayed })),
    ),
  );
  await pool.destroy();
  process.stdout.write(`${JSON.stringify({ pid: process.pid, results })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
