// What the register check found (test/helpers/register-variants.ts), as a user asks it: a greeting or "quick q:" before
// the question, a time phrase put first, a count in words, a chat form of the flow in a night flow, a chat form of a
// word that ends in s, a chat question word before a listing. Each is answered as the plain question is.
import { describe, expect, it } from 'vitest';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';
import { planKey } from '../../helpers/plan-key.ts';

describe('the register findings', () => {
  const { plan, planned } = useReferencePlanner();
  const same = (variant: string, plain: string, now?: string): void => {
    expect(planKey(plan(variant, now)), variant).toEqual(planKey(planned(plain, now)));
  };

  it('reads past a greeting or a "quick q:" before the question ("q" alone is a flow)', () => {
    same('quick q: how many alarms yesterday', 'how many alarms yesterday');
    same('quick q: how many alarms did BPS02 raise in august', 'how many alarms did BPS02 raise in august');
    same('hey, time raw turb went over 20 NTU on aug 12', 'time raw turb went over 20 NTU on aug 12', '2026-09-01T00:00:00Z');
    same('can you tell me did t1 lvl stay within 3.5-5.5 m last wk', 'did t1 lvl stay within 3.5-5.5 m last wk');
    same('hey, morning! quick one - max amps on BPS01 P02 yesterday', 'max amps on BPS01 P02 yesterday');
    expect(planned('q BPS03 now').tags.map((t) => t.name)).toEqual(['BPS03/Header/Flow']);
  });

  it('lists the kind a listing names after a greeting or a chat question word', () => {
    expect(planned('hey, which pumps have a vibration tag').operation).toEqual({ kind: 'catalog', list: 'assets' });
    expect(planned('Whch DMAs have an inlet pressure tag?').operation).toEqual({ kind: 'catalog', list: 'sites' });
    expect(planned('Which zones have an inlet pressure tag?').operation).toEqual({ kind: 'catalog', list: 'sites' });
  });

  it('reads a time phrase put first, before a comma, as the question read with it at the end', () => {
    same('Last wk, did t1 lvl stay within 3.5-5.5 m', 'did t1 lvl stay within 3.5-5.5 m last wk');
    same('On yday, hw long were 2+ hl pumps on', 'hw long were 2+ hl pumps on yday');
    same('On aug 12, time raw turb went over 20 NTU', 'time raw turb went over 20 NTU on aug 12', '2026-09-01T00:00:00Z');
  });

  it('reads a count in words as in digits: a window of ten days, the top three', () => {
    same('plot daily avg power of BPS03 P02 over the last ten days', 'plot daily avg power of BPS03 P02 over the last 10 days');
    same('top three filters by max head loss last week', 'top 3 filters by max head loss last week');
  });

  it('reads a night flow written with a chat form of the flow as the night flow', () => {
    expect(planned('min nite flw DMA1 yesterday').operation.kind).toBe('night-flow');
    expect(planned('min night q dma01 saturday').operation.kind).toBe('night-flow');
    expect(planned('What was the night-time minimum throughput for DMA03 on Sunday?').operation.kind).toBe('night-flow');
  });

  it('asks for one tag when a chat form ends in s without being a plural ("pres" of pressure)', () => {
    same('current discharge pres at PS3', 'current discharge pressure at PS3');
  });

  it('reads "the most recent time" of a crossing as its last, wherever the time phrase stands', () => {
    expect(
      planned('when was the most recent time the T3 level dropped below 2.6 m in September', '2026-10-02T07:00:00Z').operation,
    ).toMatchObject({
      kind: 'crossing',
      which: 'last',
    });
  });
  it('"final cl2" names the final water chlorine as "final chlorine" does, not the last value of every chlorine tag', () => {
    same('how low did final cl2 go yesterday', 'how low did final chlorine go yesterday');
    expect(planned('how low did final cl2 go yesterday').operation).toEqual({ kind: 'aggregate', fns: ['min'] });
    expect(planned('final T1 lvl yday').operation).toEqual({ kind: 'aggregate', fns: ['last'] });
  });
});
