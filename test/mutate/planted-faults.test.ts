// `npm run mutate` plants each fault by replacing its text once; a fault whose text moved away would no longer be
// planted at all. This keeps every fault's text where the mutation run looks for it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { plantedFaults } from './planted-faults.ts';

describe('planted faults', () => {
  it.each(plantedFaults.map((f) => [f.id, f] as const))('%s: its text occurs exactly once in its file', (_id, fault) => {
    const text = readFileSync(fault.file, 'utf8');
    expect(text.split(fault.find).length - 1, `update find of ${fault.id} in test/mutate/planted-faults.ts`).toBe(1);
    expect(fault.replace).not.toBe(fault.find);
  });
});
