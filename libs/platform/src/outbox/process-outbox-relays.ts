/** What the hub needs of a relay: a loop it can start and stop (`OutboxRelay`). */
export interface RelayLoop {
  start(): void;
  stop(): Promise<void>;
}

interface RelayGroup {
  members: RelayLoop[];
  active: RelayLoop | undefined;
}

/**
 * One outbox relay loop per process for each target (database, Redis, queue prefix, relay settings), however many
 * apps the process runs. A relay claims every unpublished row whatever its queue and publishes it to that queue, so
 * the launcher's apps (workflow, payment, delivery in one process) need one loop, not one each: three loops polling
 * every interval tripled the claim round trips and the event-loop work beside the dossier lock holders (issue 9,
 * acceptance 5: timer capacity). Each app still builds its own relay and joins; the first one joined runs, the others
 * stand by. When the running one leaves (its app shuts down and closes its database and queues), the next member
 * takes over, so the loop runs as long as any app of the process does; an app run alone is its group's only member.
 * Correctness does not depend on it: several relays (other processes) still split rows by `FOR UPDATE SKIP LOCKED`.
 */
export class ProcessOutboxRelays {
  private readonly groups = new Map<string, RelayGroup>();

  join(key: string, relay: RelayLoop): void {
    let group = this.groups.get(key);
    if (!group) {
      group = { members: [], active: undefined };
      this.groups.set(key, group);
    }
    if (group.members.includes(relay)) return;
    group.members.push(relay);
    if (!group.active) {
      group.active = relay;
      relay.start();
    }
  }

  async leave(key: string, relay: RelayLoop): Promise<void> {
    const group = this.groups.get(key);
    if (!group || !group.members.includes(relay)) {
      await relay.stop();
      return;
    }
    group.members = group.members.filter((member) => member !== relay);
    if (group.active === relay) {
      group.active = undefined;
      await relay.stop();
      // Another app may have joined or left while this one stopped: hand over to whoever remains.
      if (!group.active && group.members.length > 0) {
        group.active = group.members[0];
        group.active.start();
      }
    }
    if (group.members.length === 0 && !group.active) this.groups.delete(key);
  }

  /** How many loops run in this process for a target (0 or 1). */
  running(key: string): number {
    return this.groups.get(key)?.active ? 1 : 0;
  }
}

/** The process-wide hub every `OutboxRelayService` joins. */
export const processOutboxRelays = new ProcessOutboxRelays();

/** The hub key: relays are interchangeable only with the same database, Redis, queue prefix and settings. */
export function relayTargetKey(parts: Array<string | number | readonly string[]>): string {
  return JSON.stringify(parts);
}
