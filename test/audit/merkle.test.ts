// RFC 6962 Merkle hashing against the Certificate Transparency reference vectors, plus proofs over many shapes.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  EMPTY_ROOT,
  createCompactTree,
  createRangeTree,
  inclusionProof,
  leafHash,
  merkleRoot,
  treeLevels,
  verifyInclusion,
} from '../../audit/merkle.ts';

const ENTRIES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) =>
  Buffer.from(h, 'hex'),
);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const LEAVES = ENTRIES.map(leafHash);
const hex = (b: Buffer): string => b.toString('hex');

describe('RFC 6962 Merkle tree', () => {
  it('matches the reference roots for sizes 0..8, batch and incremental', () => {
    expect(hex(EMPTY_ROOT)).toBe(ROOTS[0]);
    const tree = createCompactTree();
    expect(hex(tree.root())).toBe(ROOTS[0]);
    for (let n = 1; n <= 8; n++) {
      tree.append(LEAVES[n - 1] as Buffer);
      expect(hex(tree.root()), `size ${n}`).toBe(ROOTS[n]);
      expect(hex(merkleRoot(LEAVES.slice(0, n)))).toBe(ROOTS[n]);
    }
  });

  it('produces the reference inclusion proofs', () => {
    const levels = treeLevels(LEAVES);
    expect(inclusionProof(levels, 0).map(hex)).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(inclusionProof(levels, 5).map(hex)).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
  });

  it('resumes from a saved compact range with the same roots', () => {
    const leaves = Array.from({ length: 50 }, (_, i) => leafHash(Buffer.from([i, i * 3])));
    for (const cut of [0, 1, 7, 16, 33]) {
      const first = createCompactTree();
      leaves.slice(0, cut).forEach((l) => first.append(l));
      const resumed = createCompactTree(cut, first.state());
      leaves.slice(cut).forEach((l) => resumed.append(l));
      expect(hex(resumed.root())).toBe(hex(merkleRoot(leaves)));
    }
    expect(() => createCompactTree(3, [])).toThrow(/needs 2 hashes/);
  });

  it('verifies every inclusion proof in every tree size up to 40 and rejects altered ones', () => {
    const leaves = Array.from({ length: 40 }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));
    for (let n = 1; n <= 40; n++) {
      const levels = treeLevels(leaves.slice(0, n));
      const root = merkleRoot(leaves.slice(0, n));
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(levels, i);
        expect(verifyInclusion(leaves[i] as Buffer, i, n, proof, root), `${i}/${n}`).toBe(true);
        expect(verifyInclusion(leaves[(i + 1) % 40] as Buffer, i, n, proof, root)).toBe(false);
        if (proof.length > 0) {
          const bent = proof.map((p) => Buffer.from(p));
          const firstByte = bent[0] as Buffer;
          firstByte[0] = (firstByte[0] as number) ^ 1;
          expect(verifyInclusion(leaves[i] as Buffer, i, n, bent, root)).toBe(false);
          expect(verifyInclusion(leaves[i] as Buffer, i, n, proof.slice(1), root)).toBe(false);
        }
        expect(verifyInclusion(leaves[i] as Buffer, i, n, [...proof, Buffer.alloc(32)], root)).toBe(false);
      }
    }
  });
});

describe('a range of a tree (leaves from a start, without the ones before)', () => {
  it('joined onto the tree of the leaves before it, gives the tree of them all, at any start and end', () => {
    const leaf = (i: number) => createHash('sha256').update(`record ${i}`).digest('hex');
    for (const size of [1, 2, 3, 7, 8, 64, 100, 257]) {
      const whole = createCompactTree();
      for (let i = 0; i < size; i++) whole.appendRecord(leaf(i));
      for (const start of [0, 1, 2, 3, 5, 8, 13, 64, 99, 256]) {
        if (start > size) continue;
        const before = createCompactTree();
        for (let i = 0; i < start; i++) before.appendRecord(leaf(i));
        const range = createRangeTree(start);
        for (let i = start; i < size; i++) range.appendRecord(leaf(i));
        expect(() => range.root()).toThrow(/needs its first/);
        for (const subtree of range.clone().subtrees()) before.appendSubtree(subtree);
        expect([before.size, before.root().toString('hex')], `${start}..${size}`).toEqual([size, whole.root().toString('hex')]);
      }
    }
  });

  it('refuses a subtree where it cannot start', () => {
    const tree = createCompactTree();
    tree.appendRecord('00'.repeat(32));
    expect(() => tree.appendSubtree({ height: 1, digest: '00'.repeat(32) })).toThrow(/cannot start at leaf 1/);
  });
});
