import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { CONTENT_SNIFF_BYTES } from '@motcua/domain';
import {
  assertStorageKey,
  DocumentStorage,
  StorageObjectNotFoundError,
  StoredObject,
  TemporaryFile,
} from './document-storage';

const TEMPORARY_KEY = /^[0-9a-f-]{36}$/;

/**
 * Document storage on a local disk under `root` (`<DATA_DIR>/documents`): `objects/<key>` for committed files,
 * `tmp/<uuid>` while writing. Temporary and object folders are on one file system, so commit is a rename
 * (atomic); files and their folder are fsynced before a write or a commit reports success.
 */
export class LocalDiskStorage implements DocumentStorage {
  private readonly objects: string;
  private readonly temporary: string;

  constructor(root: string) {
    this.objects = join(root, 'objects');
    this.temporary = join(root, 'tmp');
  }

  async writeTemporary(source: Readable | AsyncIterable<Buffer>): Promise<TemporaryFile> {
    await mkdir(this.temporary, { recursive: true });
    const temporaryKey = randomUUID();
    const path = join(this.temporary, temporaryKey);
    const handle = await open(path, 'wx');
    const hash = createHash('sha256');
    let sizeBytes = 0;
    const headChunks: Buffer[] = [];
    let headLength = 0;
    try {
      for await (const chunk of source as AsyncIterable<Buffer | string>) {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        hash.update(buffer);
        sizeBytes += buffer.length;
        if (headLength < CONTENT_SNIFF_BYTES) {
          headChunks.push(buffer.subarray(0, CONTENT_SNIFF_BYTES - headLength));
          headLength += Math.min(buffer.length, CONTENT_SNIFF_BYTES - headLength);
        }
        await handle.write(buffer);
      }
      await handle.sync();
    } catch (error) {
      await handle.close().catch(() => undefined);
      await rm(path, { force: true });
      throw error;
    }
    await handle.close();
    return { temporaryKey, sizeBytes, sha256: hash.digest('hex'), head: Buffer.concat(headChunks) };
  }

  async commit(temporaryKey: string, key: string): Promise<void> {
    const target = this.objectPath(key);
    await mkdir(dirname(target), { recursive: true });
    if (await this.exists(key)) throw new Error(`storage key '${key}' exists already`);
    await rename(this.temporaryPath(temporaryKey), target);
    await syncDirectory(dirname(target));
  }

  async discardTemporary(temporaryKey: string): Promise<void> {
    await rm(this.temporaryPath(temporaryKey), { force: true });
  }

  async read(key: string): Promise<Readable> {
    const path = this.objectPath(key);
    if (!(await this.exists(key))) throw new StorageObjectNotFoundError(key);
    return createReadStream(path);
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.objectPath(key))).isFile();
    } catch {
      return false;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.objectPath(key), { force: true });
  }

  async *listObjects(): AsyncIterable<StoredObject> {
    for await (const path of walk(this.objects)) {
      const key = relative(this.objects, path).split(sep).join('/');
      yield { key, modifiedAt: (await stat(path)).mtime };
    }
  }

  async *listTemporary(): AsyncIterable<StoredObject> {
    for await (const path of walk(this.temporary)) {
      yield { key: relative(this.temporary, path), modifiedAt: (await stat(path)).mtime };
    }
  }

  private objectPath(key: string): string {
    assertStorageKey(key);
    return join(this.objects, ...key.split('/'));
  }

  private temporaryPath(temporaryKey: string): string {
    if (!TEMPORARY_KEY.test(temporaryKey)) throw new Error(`invalid temporary key '${temporaryKey}'`);
    return join(this.temporary, temporaryKey);
  }
}

async function* walk(folder: string): AsyncIterable<string> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

async function syncDirectory(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  } finally {
    await handle.close();
  }
}
