import type { DataSource } from 'typeorm';

/** One SQL statement a traced call sent, with its round trip as the caller saw it and its plan. */
export interface TracedStatement {
  sql: string;
  parameters: unknown[] | undefined;
  /** Milliseconds from sending the statement to having its rows (pool checkout, SQL, result parsing). */
  ms: number;
  plan: string[];
}

export interface Trace {
  /** Milliseconds of the whole call. */
  totalMs: number;
  /** Milliseconds of the call outside its statements' round trips (Node: building SQL, mapping rows, computing). */
  nodeMs: number;
  statements: TracedStatement[];
}

/**
 * Runs `call` once with every statement it sends through `dataSource.query` (TypeORM's EntityManager.query goes
 * through it too) recorded, then EXPLAINs (ANALYZE, BUFFERS) each recorded statement with its parameters.
 */
export async function traceStatements(dataSource: DataSource, call: () => Promise<unknown>): Promise<Trace> {
  const statements: TracedStatement[] = [];
  const original = dataSource.query.bind(dataSource);
  dataSource.query = (async (sql: string, parameters?: unknown[], queryRunner?: never) => {
    const start = process.hrtime.bigint();
    try {
      return await original(sql, parameters, queryRunner);
    } finally {
      statements.push({ sql, parameters, ms: Number(process.hrtime.bigint() - start) / 1e6, plan: [] });
    }
  }) as DataSource['query'];
  const start = process.hrtime.bigint();
  try {
    await call();
  } finally {
    dataSource.query = original;
  }
  const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
  for (const statement of statements) {
    const plan: Array<{ 'QUERY PLAN': string }> = await dataSource.query(
      `EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`,
      statement.parameters,
    );
    statement.plan = plan.map((row) => row['QUERY PLAN']);
  }
  return { totalMs, nodeMs: totalMs - statements.reduce((sum, s) => sum + s.ms, 0), statements };
}

/** A trace as Markdown: the call's time split into statements and Node, then each statement's SQL and plan. */
export function formatTrace(name: string, trace: Trace): string[] {
  const format = (value: number) => value.toFixed(1);
  return [
    `**${name}**: ${format(trace.totalMs)} ms in all, ${trace.statements.length} statements ` +
      `(${trace.statements.map((s) => format(s.ms)).join(' + ')} ms), ${format(trace.nodeMs)} ms outside them (Node).`,
    '',
    ...trace.statements.flatMap((statement, index) => [
      `Statement ${index + 1} (${format(statement.ms)} ms round trip):`,
      '',
      '```sql',
      statement.sql.replace(/\n\s+/g, '\n  ').trim(),
      '```',
      '',
      '```',
      ...statement.plan,
      '```',
      '',
    ]),
  ];
}
