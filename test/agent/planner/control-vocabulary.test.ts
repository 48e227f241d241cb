// Control requests read from the thesaurus's vocabulary of plant actions, in every register, and the data questions that use the same verbs.
import { describe, expect, it } from 'vitest';
import { readControlRequest } from '../../../agent/planner/control-request.ts';
import { buildControlWords } from '../../../agent/planner/control-words.ts';
import { buildVocabulary } from '../../../agent/planner/vocabulary.ts';

const words = buildControlWords(buildVocabulary().control);
const read = (question: string): string | null => {
  const request = readControlRequest(question, words);
  return request ? `${request.verb} | ${request.object}` : null;
};

describe('a request to act on the plant is read as one, whatever words it uses', () => {
  it.each([
    ['silence the horn at BPS02', 'silence | the horn at bps02'],
    ['can u shelve the T1 low level alarm', 'shelve | the t1 low level alarm'],
    ['inhibit the chlorine alarm on CL01 for an hour', 'inhibit | the chlorine alarm on cl01 for an hour'],
    ['Could you please put BPS03 P02 in manual?', 'put … in manual | bps03 p02'],
    ['pls bump p1 at ps3', 'bump | p1 at ps3'],
    ['fire up p2 @ ps2', 'fire up | p2 @ ps2'],
    ['kick on the standby pump at BPS01', 'kick on | the standby pump at bps01'],
    ['Bring BPS02 pump P02 back online.', 'bring … back online | bps02 pump p02'],
    ['take BPS01 P02 out of service', 'take … out of service | bps01 p02'],
    ['ramp up the high-lift pumps to 1200 m3/h', 'ramp up | the high-lift pumps to 1200 m3/h'],
    ['Please raise the BPS03 pressure setpoint to 5.4 bar.', 'raise | the bps03 pressure setpoint to 5.4 bar'],
    ['crack open PRV02 a bit', 'crack open | prv02 a bit'],
    ['throttle PRV3 back to 40%', 'throttle back | prv3 to 40%'],
    ['start P2 up at BPS03', 'start up | p2 at bps03'],
    ['turn the dosing pump off pls', 'turn off | the dosing pump'],
    ['hey otq could you open up PRV01 to 60% please', 'open up | prv01 to 60%'],
    ['reset run hours on BPS03 P01', 'reset | run hours on bps03 p01'],
    ['increase flow at WTP01 to 1000 m3/h', 'increase | flow at wtp01 to 1000 m3/h'],
    ['ack', 'ack | '],
  ])('"%s" is an order: %s', (question, expected) => {
    expect(read(question)).toBe(expected);
  });

  it.each([
    ['Would you mind stopping the dosing pump CL01?', 'stop | the dosing pump cl01'],
    ['would u mind resetting the overload on bps2 p1', 'reset | the overload on bps2 p1'],
    ['we need the PRV02 setpoint lowered to 3 bar', 'lower | the prv02 setpoint to 3 bar'],
    ['I need pump P3 at BPS03 started.', 'start | pump p3 at bps03'],
    ['get the horn at BPS02 silenced', 'silence | the horn at bps02'],
    ['the alarm on T1 needs resetting', 'reset | the alarm on t1'],
    ['P2 at PS3 needs to be started', 'start | p2 at ps3'],
  ])('a gerund after "mind" or a wished state is an order too: "%s"', (question, expected) => {
    expect(read(question)).toBe(expected);
  });

  it.each([
    ['BPS03 P02 stop pls', 'stop | bps03 p02'],
    ['T1 alarm ack asap!', 'ack | t1 alarm'],
    ['P2 @ PS3 on pls', 'switch on | p2 @ ps3'],
  ])('the object first and the action last, with an urgent word: "%s"', (question, expected) => {
    expect(read(question)).toBe(expected);
  });
});

describe('a question that uses the same verbs is no order', () => {
  it.each([
    'when did P1 start',
    'how long was the valve open',
    'what was the setpoint',
    'start time of P2 at BPS03 yesterday',
    'trip time p2 ps3 29th',
    'trip count of bps02 pumps last month',
    'open alarms at BPS03',
    'set point of BPS03 now',
    'change in T1 level today',
    'increase in flow since 6am',
    'lower limit of T1 level',
    'force main pressure at BPS01 yesterday',
    'bypass flow at WTP01 last hour',
    'reset count of alarms at BPS03 in october',
    'change t1 lvl last wk',
    'could you tell me when P3 started yesterday',
    'I need to know when P2 tripped',
    'P2 on?',
    'p2 on now',
    'bps03 p02 stop',
    'P2 stop time yday',
    'did anyone reset the alarm at T1',
    'stop',
  ])('"%s"', (question) => {
    expect(read(question)).toBeNull();
  });
});
