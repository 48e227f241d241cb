// RFC 9162 inclusion proofs for a few leaves of a large tree, collected in one streaming pass over the leaves.
import { nodeHash } from './merkle.ts';

/** Collects the audit paths of `indexes` in the tree of the first `size` leaves appended. */
export interface ProofCollector {
  /** Appends the next leaf hash (32 bytes); leaves past `size` are ignored. */
  append(leaf: Buffer): void;
  /** Once `size` leaves were appended: the root, and the audit path of each wanted index. */
  finish(): { root: Buffer; proofs: Map<number, Buffer[]> };
}

/** Key of the node at `level`, `index` (leaf index >> level). */
const key = (level: number, index: number): string => `${level}:${index}`;

/**
 * Keeps only the nodes the proofs need (about log2 n per index), so memory does not grow with the tree: complete
 * subtrees are kept when they complete; the right edge's incomplete subtrees are folded from the compact range at
 * the end. Same proofs as `inclusionProof(treeLevels(leaves), i)`.
 */
export function createProofCollector(size: number, indexes: readonly number[]): ProofCollector {
  const wanted = new Set<string>();
  for (const index of indexes) {
    if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
    for (let level = 0; 2 ** level < size * 2; level++) {
      const sibling = Math.floor(index / 2 ** level) ^ 1;
      if (sibling * 2 ** level < size) wanted.add(key(level, sibling));
    }
  }
  const kept = new Map<string, Buffer>();
  /** The compact range: perfect subtrees left to right, with their height and first leaf. */
  const stack: { height: number; start: number; hash: Buffer }[] = [];
  let count = 0;
  const keep = (height: number, start: number, hash: Buffer): void => {
    const k = key(height, start / 2 ** height);
    if (wanted.has(k)) kept.set(k, hash);
  };
  return {
    append(leaf) {
      if (count >= size) return;
      let node = { height: 0, start: count, hash: leaf };
      keep(0, count, leaf);
      for (let top = stack[stack.length - 1]; top && top.height === node.height; top = stack[stack.length - 1]) {
        stack.pop();
        node = { height: node.height + 1, start: top.start, hash: nodeHash(top.hash, node.hash) };
        keep(node.height, node.start, node.hash);
      }
      stack.push(node);
      count++;
    },
    finish() {
      if (count !== size) throw new RangeError(`the tree has ${size} leaves, ${count} were appended`);
      /** MTH of the leaves from `start` to the end: the compact range entries from there, folded right to left. */
      const tail = (start: number): Buffer => {
        const parts = stack.filter((e) => e.start >= start);
        let hash = (parts[parts.length - 1] as { hash: Buffer }).hash;
        for (let i = parts.length - 2; i >= 0; i--) hash = nodeHash((parts[i] as { hash: Buffer }).hash, hash);
        return hash;
      };
      const proofs = new Map<number, Buffer[]>();
      for (const index of indexes) {
        const path: Buffer[] = [];
        for (let level = 0; 2 ** level < size * 2; level++) {
          const sibling = Math.floor(index / 2 ** level) ^ 1;
          if (sibling * 2 ** level >= size) continue;
          path.push(kept.get(key(level, sibling)) ?? tail(sibling * 2 ** level));
        }
        proofs.set(index, path);
      }
      return { root: size === 0 ? Buffer.alloc(32) : tail(0), proofs };
    },
  };
}
