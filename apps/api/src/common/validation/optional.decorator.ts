import { ValidateIf, ValidationOptions } from 'class-validator';

/**
 * The field may be left out (undefined). Unlike class-validator's `IsOptional`, `null` is NOT a way to leave
 * it out: `{ "name": null }` on a PATCH is validated like any other value and refused by the field's rules,
 * instead of slipping past validation into a NOT NULL column. Use `IsNullable()` where null means "clear it".
 */
export function IsOptional(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined, options);
}

/** The field may be left out or sent as null (null clears it); any other value goes through the field's rules. */
export function IsNullable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined && value !== null, options);
}
