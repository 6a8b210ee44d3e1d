/**
 * A binary min-heap of timed items; ties keep insertion order, so a run is deterministic. Times and insertion
 * numbers live in typed arrays (no node object per item, and the comparisons read contiguous memory).
 */
export class EventQueue<T> {
  private times = new Float64Array(1024);
  private sequences = new Float64Array(1024);
  private items: Array<T | undefined> = [];
  private length = 0;
  private nextSequence = 0;

  get size(): number {
    return this.length;
  }

  /** Time of the earliest item (Infinity when empty). */
  peekTime(): number {
    return this.length > 0 ? this.times[0] : Infinity;
  }

  push(time: number, item: T): void {
    if (this.length === this.times.length) this.grow();
    const { times, sequences, items } = this;
    const sequence = this.nextSequence++;
    let index = this.length++;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!(time < times[parent] || (time === times[parent] && sequence < sequences[parent]))) break;
      times[index] = times[parent];
      sequences[index] = sequences[parent];
      items[index] = items[parent];
      index = parent;
    }
    times[index] = time;
    sequences[index] = sequence;
    items[index] = item;
  }

  pop(): { time: number; item: T } | undefined {
    if (this.length === 0) return undefined;
    const time = this.times[0];
    const item = this.popItem() as T;
    return { time, item };
  }

  /** Removes the earliest item and returns it (read its time with `peekTime` first). Undefined when empty. */
  popItem(): T | undefined {
    if (this.length === 0) return undefined;
    const { times, sequences, items } = this;
    const top = items[0];
    const length = --this.length;
    const lastTime = times[length];
    const lastSequence = sequences[length];
    const lastItem = items[length];
    items[length] = undefined;
    if (length > 0) {
      let index = 0;
      for (;;) {
        const left = 2 * index + 1;
        if (left >= length) break;
        const right = left + 1;
        const child =
          right < length &&
          (times[right] < times[left] || (times[right] === times[left] && sequences[right] < sequences[left]))
            ? right
            : left;
        if (!(times[child] < lastTime || (times[child] === lastTime && sequences[child] < lastSequence))) break;
        times[index] = times[child];
        sequences[index] = sequences[child];
        items[index] = items[child];
        index = child;
      }
      times[index] = lastTime;
      sequences[index] = lastSequence;
      items[index] = lastItem;
    }
    return top;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    times.set(this.times);
    const sequences = new Float64Array(this.sequences.length * 2);
    sequences.set(this.sequences);
    this.times = times;
    this.sequences = sequences;
  }
}

/**
 * Per agency: when each officer is next free (ms), as a min-heap of instants (officers are identical, so only the
 * instants matter). The earliest free officer takes the next task (FIFO). No allocation per task.
 */
export class OfficerPool {
  private readonly freeAt: Float64Array;

  constructor(officers: number, startMs: number) {
    this.freeAt = new Float64Array(Math.ceil(Math.max(1, officers))).fill(startMs);
  }

  /** When the earliest free officer can start a task ready at `readyMs`. */
  startFor(readyMs: number): number {
    return Math.max(readyMs, this.freeAt[0]);
  }

  /** Books the earliest free officer until `endMs` (call after `startFor`). */
  bookUntil(endMs: number): void {
    const heap = this.freeAt;
    const length = heap.length;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && heap[right] < heap[left] ? right : left;
      if (heap[child] >= endMs) break;
      heap[index] = heap[child];
      index = child;
    }
    heap[index] = endMs;
  }
}
