// The streaming proof collector gives the same RFC 9162 audit paths as the full tree, for every leaf of many tree sizes.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createProofCollector } from '../../audit/inclusion-proofs.ts';
import { inclusionProof, merkleRoot, treeLevels, verifyInclusion } from '../../audit/merkle.ts';

const leaves = Array.from({ length: 70 }, (_, i) => createHash('sha256').update(`leaf ${i}`).digest());
const hex = (b: Buffer) => b.toString('hex');

describe('createProofCollector', () => {
  it('matches inclusionProof(treeLevels) and the root for every leaf of trees of 1 to 70 leaves', () => {
    for (let size = 1; size <= 70; size++) {
      const indexes = Array.from({ length: size }, (_, i) => i);
      const collector = createProofCollector(size, indexes);
      for (const leaf of leaves) collector.append(leaf);
      const { root, proofs } = collector.finish();
      const levels = treeLevels(leaves.slice(0, size));
      expect(hex(root), `root of ${size}`).toBe(hex(merkleRoot(leaves.slice(0, size))));
      for (const i of indexes) {
        const path = proofs.get(i) ?? [];
        expect(path.map(hex), `${i}/${size}`).toEqual(inclusionProof(levels, i).map(hex));
        expect(verifyInclusion(leaves[i] as Buffer, i, size, path, root)).toBe(true);
      }
    }
  });

  it('refuses an index outside the tree and a tree given fewer leaves than its size', () => {
    expect(() => createProofCollector(3, [3])).toThrow(/leaf 3 is not in a tree of size 3/);
    const short = createProofCollector(3, [0]);
    short.append(leaves[0] as Buffer);
    expect(() => short.finish()).toThrow(/3 leaves, 1 were appended/);
  });
});
