import type { Readable } from 'node:stream';

/** A file written to the storage's temporary area, not yet visible under any key. */
export interface TemporaryFile {
  temporaryKey: string;
  sizeBytes: number;
  /** Lower-case hex SHA-256 of the bytes, computed while they were written. */
  sha256: string;
  /** The first bytes (content-type sniffing). */
  head: Buffer;
}

export interface StoredObject {
  key: string;
  modifiedAt: Date;
}

/**
 * Where dossier documents and electronic results live (local disk by default; an object store adapter would
 * implement the same contract). Writes go to a temporary area first and are committed under their key by an
 * atomic move, so a key never shows a half-written file; the record that names the key commits in Postgres right
 * after, and a sweeper removes committed keys no record names (a crash between the two).
 */
export interface DocumentStorage {
  /** Streams `source` to a new temporary file, hashing it as it goes; durable (fsynced) when this resolves. */
  writeTemporary(source: Readable | AsyncIterable<Buffer>): Promise<TemporaryFile>;
  /** Atomically moves a temporary file under `key` (which must not exist yet). */
  commit(temporaryKey: string, key: string): Promise<void>;
  /** Deletes a temporary file (no-op when gone). */
  discardTemporary(temporaryKey: string): Promise<void>;
  /** The bytes stored under `key`; rejects with StorageObjectNotFoundError. */
  read(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  /** Deletes `key` (no-op when gone). */
  remove(key: string): Promise<void>;
  /** Every committed key with its last modification time. */
  listObjects(): AsyncIterable<StoredObject>;
  /** Every temporary file with its last modification time. */
  listTemporary(): AsyncIterable<StoredObject>;
}

export class StorageObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no stored object '${key}'`);
    this.name = 'StorageObjectNotFoundError';
  }
}

/** Keys are lower-case path segments of letters, digits and dashes: never `..`, never absolute. */
export const STORAGE_KEY_PATTERN = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

export function assertStorageKey(key: string): void {
  if (!STORAGE_KEY_PATTERN.test(key)) throw new Error(`invalid storage key '${key}'`);
}
