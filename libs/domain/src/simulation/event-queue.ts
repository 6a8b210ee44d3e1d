interface QueueNode<T> {
  time: number;
  sequence: number;
  item: T;
}

/** A binary min-heap of timed items; ties keep insertion order, so a run is deterministic. */
export class EventQueue<T> {
  private readonly nodes: Array<QueueNode<T>> = [];
  private nextSequence = 0;

  get size(): number {
    return this.nodes.length;
  }

  /** Time of the earliest item (Infinity when empty). */
  peekTime(): number {
    return this.nodes.length > 0 ? this.nodes[0].time : Infinity;
  }

  push(time: number, item: T): void {
    const node: QueueNode<T> = { time, sequence: this.nextSequence++, item };
    const nodes = this.nodes;
    let index = nodes.length;
    nodes.push(node);
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(node, nodes[parent])) break;
      nodes[index] = nodes[parent];
      index = parent;
    }
    nodes[index] = node;
  }

  pop(): QueueNode<T> | undefined {
    const nodes = this.nodes;
    if (nodes.length === 0) return undefined;
    const top = nodes[0];
    const last = nodes.pop()!;
    const length = nodes.length;
    if (length > 0) {
      let index = 0;
      for (;;) {
        const left = 2 * index + 1;
        if (left >= length) break;
        const right = left + 1;
        const child = right < length && before(nodes[right], nodes[left]) ? right : left;
        if (!before(nodes[child], last)) break;
        nodes[index] = nodes[child];
        index = child;
      }
      nodes[index] = last;
    }
    return top;
  }
}

function before<T>(a: QueueNode<T>, b: QueueNode<T>): boolean {
  return a.time < b.time || (a.time === b.time && a.sequence < b.sequence);
}

/** Per agency: when each officer is next free (ms); the earliest free officer takes the next task (FIFO). */
export class OfficerPool {
  private readonly freeAt: EventQueue<number>;

  constructor(officers: number, startMs: number) {
    this.freeAt = new EventQueue<number>();
    for (let officer = 0; officer < Math.max(1, officers); officer++) this.freeAt.push(startMs, officer);
  }

  /** Takes the earliest free officer: returns when it becomes free, and books it until `until(start)`. */
  assign(readyMs: number, until: (startMs: number) => number): { startMs: number; endMs: number } {
    const next = this.freeAt.pop()!;
    const startMs = Math.max(readyMs, next.time);
    const endMs = until(startMs);
    this.freeAt.push(endMs, next.item);
    return { startMs, endMs };
  }
}
