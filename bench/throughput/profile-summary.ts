import { readFileSync } from 'node:fs';

/**
 * Summarises a V8 .cpuprofile (from `npm run bench -- --profile`): self time by function and by package (or by
 * project area), so "where does the app's CPU go" has numbers.
 *   node -r ./bench/throughput/ts-cached-register.js bench/throughput/profile-summary.ts <file.cpuprofile> [top]
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function area(url: string): string {
  if (!url) return '(native / idle / gc)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  if (url.startsWith('node:')) return url;
  const project = /\/(apps\/[^/]+\/src\/[^/]+|libs\/[^/]+\/src\/[^/]+)/.exec(url);
  return project ? project[1] : url;
}

function main(): void {
  const [file, topArgument] = process.argv.slice(2);
  const top = Number(topArgument ?? 25);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, index) =>
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)),
  );
  const total = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id)!.callFrame;
    const name = `${frame.functionName || '(anonymous)'} ${area(frame.url)}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    byArea.set(area(frame.url), (byArea.get(area(frame.url)) ?? 0) + micros);
  }
  // Inclusive time: a sample counts once for every package / area on its stack.
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const url = byId.get(current)!.callFrame.url;
      if (url) seen.add(area(url));
    }
    for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + micros);
  }
  const print = (title: string, entries: Map<string, number>) => {
    process.stdout.write(`\n${title} (of ${(total / 1e6).toFixed(1)} s sampled)\n`);
    for (const [name, micros] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      process.stdout.write(`${((100 * micros) / total).toFixed(1).padStart(6)} %  ${name}\n`);
    }
  };
  print('self time by package / project area', byArea);
  print('inclusive time by package / project area', inclusive);
  print('self time by function', byFunction);
}

main();
