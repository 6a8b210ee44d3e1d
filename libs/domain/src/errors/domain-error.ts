/**
 * How a domain error should be treated by the edges (HTTP filter, workers).
 * invalid → 400/422, not-found → 404, conflict → 409, forbidden → 403, precondition → 412/422.
 */
export type DomainErrorKind = 'invalid' | 'not-found' | 'conflict' | 'forbidden' | 'precondition';

/** Base class for every error thrown by `@motcua/domain`. `code` is a stable, dotted identifier. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'invalid',
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = new.target.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
