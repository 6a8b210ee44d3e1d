import { ProcessOutboxRelays, RelayLoop } from './process-outbox-relays';

function loop(): RelayLoop & { running: boolean; starts: number } {
  const relay = {
    running: false,
    starts: 0,
    start: () => {
      relay.running = true;
      relay.starts++;
    },
    stop: async () => {
      relay.running = false;
    },
  };
  return relay;
}

describe('ProcessOutboxRelays: one relay loop per process and target', () => {
  it('runs only the first app of a target; the others stand by', () => {
    const hub = new ProcessOutboxRelays();
    const [workflow, payment, delivery] = [loop(), loop(), loop()];
    hub.join('db|redis', workflow);
    hub.join('db|redis', payment);
    hub.join('db|redis', delivery);
    expect([workflow.running, payment.running, delivery.running]).toEqual([true, false, false]);
    expect(hub.running('db|redis')).toBe(1);
  });

  it('hands the loop over when the running app leaves, and stops when the last one does', async () => {
    const hub = new ProcessOutboxRelays();
    const [workflow, payment, delivery] = [loop(), loop(), loop()];
    [workflow, payment, delivery].forEach((relay) => hub.join('t', relay));
    await hub.leave('t', payment); // a standby leaving changes nothing
    expect([workflow.running, payment.running, delivery.running]).toEqual([true, false, false]);
    await hub.leave('t', workflow);
    expect([workflow.running, delivery.running]).toEqual([false, true]);
    await hub.leave('t', delivery);
    expect(delivery.running).toBe(false);
    expect(hub.running('t')).toBe(0);
    const next = loop();
    hub.join('t', next); // an app started later in the same process runs the loop again
    expect(next.running).toBe(true);
  });

  it('keeps one loop per target: apps on another database or Redis get their own', () => {
    const hub = new ProcessOutboxRelays();
    const [a, b] = [loop(), loop()];
    hub.join('db1', a);
    hub.join('db2', b);
    expect([a.running, b.running]).toEqual([true, true]);
  });

  it('joining twice does not start twice; leaving without joining stops the relay', async () => {
    const hub = new ProcessOutboxRelays();
    const relay = loop();
    hub.join('t', relay);
    hub.join('t', relay);
    expect(relay.starts).toBe(1);
    const alone = loop();
    alone.running = true;
    await hub.leave('t', alone);
    expect(alone.running).toBe(false);
    expect(relay.running).toBe(true);
  });
});
