import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * A raw row (a `RETURNING *`, or a locking SELECT of `entityColumns`) as the entity `findOne` would give, through
 * TypeORM's own column hydration: a write or a lock returns its row in one round trip instead of being followed
 * by a read (issue 16). `prefix`: the row's columns are named `<prefix><column>`.
 */
export function entityOfRow<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
  prefix = '',
): T {
  const { driver } = manager.connection;
  const metadata = manager.connection.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    column.setEntityValue(entity, driver.prepareHydratedValue(row[`${prefix}${column.databaseName}`], column));
  }
  return entity;
}

/** The entity's columns as a select list of `alias`, each named `<prefix><column>` (for `entityOfRow`). */
export function entityColumns(
  manager: EntityManager,
  target: EntityTarget<ObjectLiteral>,
  alias: string,
  prefix = '',
): string {
  return manager.connection
    .getMetadata(target)
    .columns.map((column) => `${alias}.${column.databaseName} AS "${prefix}${column.databaseName}"`)
    .join(', ');
}
