import { createSampleProvinceModel, simulateProvince } from '@motcua/domain';

/*
 * One simulator run in a plain `node` process (started by bench/simulator.bench.ts through
 * test/support/ts-register.js): jest runs test code inside a `vm` context, where every access to a global (Math,
 * Date, Map, Infinity) goes through the sandbox and the simulator runs several times slower than it does in
 * `npm run simulate`. Argument: JSON { from, to, perDay, seed }. Progress on stderr, the measurement as JSON on stdout.
 */
const { from, to, perDay, seed } = JSON.parse(process.argv[2]) as {
  from: string;
  to: string;
  perDay: number;
  seed: number;
};
const model = createSampleProvinceModel({ dossiersPerWorkingDay: perDay });
let progressReports = 0;
const cpu = process.cpuUsage();
const start = process.hrtime.bigint();
const { result } = simulateProvince(model, {
  period: { from, to },
  seed,
  onProgress: (progress) => {
    progressReports++;
    process.stderr.write(`simulator bench ${to}: ${progress.arrivalsDone}/${progress.arrivalsTotal}\n`);
  },
  progressEvery: 100_000,
});
const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
const used = process.cpuUsage(cpu);
const memory = process.memoryUsage();
process.stdout.write(
  JSON.stringify({
    result,
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    progressReports,
    heapUsedMb: memory.heapUsed / 2 ** 20,
    rssMb: memory.rss / 2 ** 20,
  }),
);
