import type { DocumentStorage } from './document-storage';

export interface OrphanSweepResult {
  removedObjects: string[];
  removedTemporary: number;
}

/**
 * Removes what a crash between writing a file and committing its record leaves behind: committed objects no record
 * names and temporary files, both only once older than `olderThan` (an upload in flight is younger). Such orphans are
 * never served (downloads go through records), so removal is only about space.
 */
export async function sweepOrphanedFiles(
  storage: DocumentStorage,
  referenced: (keys: string[]) => Promise<Set<string>>,
  olderThan: Date,
  batchSize = 500,
): Promise<OrphanSweepResult> {
  const removedObjects: string[] = [];
  let batch: string[] = [];
  const flush = async () => {
    const named = await referenced(batch);
    for (const key of batch) {
      if (named.has(key)) continue;
      await storage.remove(key);
      removedObjects.push(key);
    }
    batch = [];
  };
  for await (const object of storage.listObjects()) {
    if (object.modifiedAt.getTime() >= olderThan.getTime()) continue;
    batch.push(object.key);
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  let removedTemporary = 0;
  for await (const temporary of storage.listTemporary()) {
    if (temporary.modifiedAt.getTime() >= olderThan.getTime()) continue;
    await storage.discardTemporary(temporary.key);
    removedTemporary++;
  }
  return { removedObjects, removedTemporary };
}
