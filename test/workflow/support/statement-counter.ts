import type { DataSource, QueryRunner } from 'typeorm';

export interface StatementCount {
  count: number;
  /** The statements in the order they were sent (first line, shortened). */
  statements: string[];
}

/**
 * Counts every statement `call` sends through `dataSource` — each query of every query runner it creates,
 * transaction control (START TRANSACTION, COMMIT) included — except those matching `ignore` (the test's own reads).
 */
export async function countStatements(
  dataSource: DataSource,
  call: () => Promise<unknown>,
  ignore?: RegExp,
): Promise<StatementCount> {
  const statements: string[] = [];
  const original = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = ((...args: Parameters<DataSource['createQueryRunner']>) => {
    const runner: QueryRunner = original(...args);
    const query = runner.query.bind(runner);
    runner.query = ((sql: string, ...rest: unknown[]) => {
      const text = sql.replace(/\s+/g, ' ').trim();
      if (!ignore?.test(text)) statements.push(text.slice(0, 140));
      return (query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest);
    }) as QueryRunner['query'];
    return runner;
  }) as DataSource['createQueryRunner'];
  try {
    await call();
  } finally {
    dataSource.createQueryRunner = original;
  }
  return { count: statements.length, statements };
}
