// The fair gate in front of a source's connections: per-principal limit, round-robin turns, aborts while waiting.
import { describe, expect, it } from 'vitest';
import { FairGate } from '../../connectors/fair-gate.ts';

describe('FairGate', () => {
  it('lets one principal hold at most perKey turns even when the capacity is free', async () => {
    const gate = new FairGate({ capacity: 4, perKey: 2 });
    const flooder = [gate.enter('mallory'), gate.enter('mallory'), gate.enter('mallory')];
    await Promise.all(flooder.slice(0, 2));
    let third = false;
    void flooder[2]!.then(() => (third = true));
    const other = await gate.enter('eve');
    expect(gate.running('mallory')).toBe(2);
    expect(gate.running('eve')).toBe(1);
    await Promise.resolve();
    expect(third).toBe(false);
    (await flooder[0]!)();
    (await flooder[2]!)();
    expect(third).toBe(true);
    other();
  });

  it('serves waiting principals round-robin, not in arrival order', async () => {
    const gate = new FairGate({ capacity: 1, perKey: 1 });
    const first = await gate.enter('a');
    const order: string[] = [];
    const queued = [
      ['a', gate.enter('a')],
      ['a', gate.enter('a')],
      ['a', gate.enter('a')],
      ['b', gate.enter('b')],
    ] as const;
    for (const [key, turn] of queued) void turn.then((leave) => (order.push(key), leave()));
    first();
    await Promise.all(queued.map(([, turn]) => turn));
    expect(order).toEqual(['a', 'b', 'a', 'a']);
  });

  it('rejects a waiter whose signal aborts, and gives its turn to the next', async () => {
    const gate = new FairGate({ capacity: 1, perKey: 1 });
    const first = await gate.enter('a');
    const controller = new AbortController();
    const aborted = gate.enter('b', controller.signal);
    const next = gate.enter('c');
    controller.abort(new Error('gone'));
    await expect(aborted).rejects.toMatchObject({ code: 'CANCELLED', cause: new Error('gone') });
    first();
    (await next)();
    expect(gate.running('b')).toBe(0);
  });
});
