import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_PAGE_SIZE } from '../pagination/page-query.dto';

/**
 * Rules every request DTO of the API keeps, checked on the class-validator metadata of every `*.dto.ts`
 * (so a new DTO is checked without being listed). Each rule closes a class of 500s seen by the outside fuzz
 * test (issue #10): nested objects that arrive as arrays or are missing, numbers beyond the column range,
 * `null` slipping past `IsOptional` into NOT NULL columns, dates that pass validation and fail in SQL.
 */
function dtoFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return dtoFiles(path);
    return name.endsWith('.dto.ts') ? [path] : [];
  });
}

const root = join(__dirname, '..', '..');
// The DTO classes and the classes they extend (PartialType & co. create intermediate classes).
const dtoClasses = new Set<object>();
for (const file of dtoFiles(root)) {
  for (const exported of Object.values(require(file) as Record<string, unknown>)) {
    for (
      let type = exported;
      typeof type === 'function' && type !== Function.prototype;
      type = Object.getPrototypeOf(type)
    )
      dtoClasses.add(type as object);
  }
}

const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<{ name: string }, ValidationMetadata[]> };
const byProperty = new Map<string, ValidationMetadata[]>();
for (const [target, list] of storage.validationMetadatas) {
  if (!dtoClasses.has(target)) continue;
  for (const metadata of list) {
    const key = `${target.name}.${metadata.propertyName}`;
    byProperty.set(key, [...(byProperty.get(key) ?? []), metadata]);
  }
}
const names = (list: ValidationMetadata[]) => list.map((metadata) => metadata.name ?? metadata.type);
const where = (predicate: (list: ValidationMetadata[]) => boolean) =>
  [...byProperty.entries()].filter(([, list]) => predicate(list)).map(([key]) => key);

describe('request DTO rules (issue #10: bad input is a 4xx, never a 500)', () => {
  it('finds the DTOs', () => {
    expect(byProperty.size).toBeGreaterThan(50);
  });

  it("never uses class-validator's IsOptional, which lets null through (common/validation IsOptional / IsNullable)", () => {
    expect(where((list) => names(list).includes('isOptional'))).toEqual([]);
  });

  it('declares an object (IsObject) for every single nested value, so an array or a missing value is refused', () => {
    const single = (list: ValidationMetadata[]) =>
      list.some((metadata) => metadata.type === 'nestedValidation' && !metadata.each);
    expect(where((list) => single(list) && !names(list).includes('isObject'))).toEqual([]);
  });

  it('declares an array (IsArray) with a maximum size for every list of nested values', () => {
    const each = (list: ValidationMetadata[]) =>
      list.some((metadata) => metadata.type === 'nestedValidation' && metadata.each);
    expect(where((list) => each(list) && !names(list).includes('isArray'))).toEqual([]);
    expect(where((list) => each(list) && !names(list).includes('arrayMaxSize'))).toEqual([]);
  });

  it('bounds every number (Min and Max), so no value beyond its column range reaches Postgres', () => {
    const numeric = (list: ValidationMetadata[]) => names(list).some((name) => ['isInt', 'isNumber'].includes(name));
    expect(where((list) => numeric(list) && !(names(list).includes('min') && names(list).includes('max')))).toEqual([]);
  });

  it('checks dates with IsIsoDate / IsIsoInstant (no compact or impossible dates)', () => {
    const loose = ['isISO8601', 'isDateString', 'isDate'];
    expect(where((list) => names(list).some((name) => loose.includes(name)))).toEqual([]);
  });

  it('bounds the length of every free text (MaxLength or a pattern), so no text beyond its column reaches Postgres', () => {
    const text = (list: ValidationMetadata[]) => names(list).includes('isString');
    const bounded = (list: ValidationMetadata[]) =>
      names(list).some((name) => ['maxLength', 'length', 'matches', 'isIn', 'isUUID', 'isEnum'].includes(name));
    expect(where((list) => text(list) && !bounded(list))).toEqual([]);
  });

  it('pages every offset list with the one maximum (docs/PAGINATION.md)', () => {
    const maxima = [...byProperty.entries()]
      .filter(([key]) => key.endsWith('.pageSize'))
      .map(([key, list]) => [key, list.find((metadata) => metadata.name === 'max')?.constraints?.[0]]);
    expect(maxima.length).toBeGreaterThanOrEqual(1);
    expect(maxima.filter(([, max]) => max !== MAX_PAGE_SIZE)).toEqual([]);
  });
});
