// RFC 6962 / RFC 9162 Merkle tree hashing: leaf and node hashes, an incremental tree, inclusion proofs.
import { hash } from 'node:crypto';

/** Reused input buffer (hashing is synchronous, so no call can see another's bytes): saves two allocations per hash. */
const scratch = Buffer.alloc(65);

/** Root of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = hash('sha256', Buffer.alloc(0), 'buffer');

/** MTH of one entry: SHA-256(0x00 || entry). */
export function leafHash(entry: Uint8Array): Buffer {
  if (entry.length !== 32) return hash('sha256', Buffer.concat([Buffer.from([0x00]), entry]), 'buffer');
  scratch[0] = 0x00;
  scratch.set(entry, 1);
  return hash('sha256', scratch.subarray(0, 33), 'buffer');
}

/** Leaf hash of a record: the entry is the 32 bytes of the record's hex `hash`. */
export function recordLeafHash(recordHashHex: string): Buffer {
  return Buffer.from(recordLeafDigest(recordHashHex), 'latin1');
}

/** Interior node: SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== 32 || right.length !== 32) return hash('sha256', Buffer.concat([Buffer.from([0x01]), left, right]), 'buffer');
  scratch[0] = 0x01;
  scratch.set(left, 1);
  scratch.set(right, 33);
  return hash('sha256', scratch, 'buffer');
}

// The tree works on digests as 32-character latin1 strings: node:crypto's `hash(..., 'binary')` (latin1) costs about a
// quarter of `hash(..., 'buffer')` (which allocates a Buffer per call), and that is most of the tree's cost.
const leafInput = Buffer.alloc(33);
const nodeInput = Buffer.alloc(65);
nodeInput[0] = 0x01;

/** Leaf digest (latin1 string) of a record's hex hash. */
function recordLeafDigest(recordHashHex: string): string {
  leafInput.write(recordHashHex, 1, 32, 'hex');
  return hash('sha256', leafInput, 'binary');
}

/** Node digest (latin1 string) of two child digests (latin1 strings). */
function nodeDigest(left: string, right: string): string {
  nodeInput.write(left, 1, 32, 'latin1');
  nodeInput.write(right, 33, 32, 'latin1');
  return hash('sha256', nodeInput, 'binary');
}

/**
 * An append-only Merkle tree kept as its compact range: the roots of the perfect subtrees that make up
 * the first `size` leaves (left to right, strictly decreasing sizes). Appending is amortised O(1) hashes
 * and the root is O(log n), so the writer never rehashes the log.
 */
export interface CompactTree {
  readonly size: number;
  /** Appends a leaf hash (32 bytes). */
  append(leaf: Uint8Array): void;
  /** Appends the leaf of a record, given the record's hex `hash` (same as `append(recordLeafHash(hex))`, cheaper). */
  appendRecord(recordHashHex: string): void;
  root(): Buffer;
  /** The subtree roots (hex), enough to resume the tree later with `createCompactTree(size, hashes)`. */
  state(): string[];
  /** An independent copy (cheap: log2 n digests), e.g. to compute the root at this size later. */
  clone(): CompactTree;
  /** Appends a whole perfect subtree (2^height leaves) whose root is `digest`; the size must be a multiple of 2^height. */
  appendSubtree(node: SubtreeRoot): void;
}

/** The root of a perfect subtree of 2^height leaves, as hex. */
export interface SubtreeRoot {
  height: number;
  digest: string;
}

/**
 * The leaves [start, size) of a tree whose first `start` leaves are not known here: its perfect subtrees, left to
 * right. A worker verifying one part of a log builds it; `CompactTree.appendSubtree` of each subtree, in order, onto
 * the tree of the first `start` leaves gives the tree of the first `size`. `root()` throws: a root needs the prefix.
 */
export interface RangeTree extends CompactTree {
  readonly start: number;
  subtrees(): SubtreeRoot[];
  clone(): RangeTree;
}

/** Starts an empty tree, or resumes one from `state()` taken at `size` leaves. */
export function createCompactTree(size = 0, stateHex: string[] = []): CompactTree {
  const hashes: string[] = stateHex.map((h) => Buffer.from(h, 'hex').toString('latin1'));
  const heights: number[] = [];
  for (let bit = 52; bit >= 0; bit--) if (Math.floor(size / 2 ** bit) % 2 === 1) heights.push(bit);
  if (heights.length !== hashes.length)
    throw new RangeError(`compact range of size ${size} needs ${heights.length} hashes, got ${hashes.length}`);
  return compactTree(size, hashes, heights);
}

function compactTree(size: number, hashes: string[], heights: number[]): CompactTree {
  let count = size;
  const push = (leaf: string, leafHeight = 0): void => {
    let node = leaf;
    let height = leafHeight;
    while (heights.length > 0 && heights[heights.length - 1] === height) {
      node = nodeDigest(hashes.pop() as string, node);
      heights.pop();
      height++;
    }
    hashes.push(node);
    heights.push(height);
    count += 2 ** leafHeight;
  };
  return {
    get size() {
      return count;
    },
    appendSubtree(node) {
      if (count % 2 ** node.height !== 0)
        throw new RangeError(`a subtree of height ${node.height} cannot start at leaf ${count} (not a multiple of ${2 ** node.height})`);
      push(Buffer.from(node.digest, 'hex').toString('latin1'), node.height);
    },
    append(leaf) {
      if (leaf.length !== 32) throw new RangeError(`a leaf hash has 32 bytes, got ${leaf.length}`);
      push(Buffer.from(leaf.buffer, leaf.byteOffset, 32).toString('latin1'));
    },
    appendRecord(recordHashHex) {
      push(recordLeafDigest(recordHashHex));
    },
    root() {
      if (hashes.length === 0) return EMPTY_ROOT;
      let node = hashes[hashes.length - 1] as string;
      for (let i = hashes.length - 2; i >= 0; i--) node = nodeDigest(hashes[i] as string, node);
      return Buffer.from(node, 'latin1');
    },
    state() {
      return hashes.map((h) => Buffer.from(h, 'latin1').toString('hex'));
    },
    clone() {
      return compactTree(count, hashes.slice(), heights.slice());
    },
  };
}

/** Starts an empty range at leaf `start` (see `RangeTree`). */
export function createRangeTree(start: number): RangeTree {
  return rangeTree(start, start, [], [], []);
}

function rangeTree(start: number, size: number, hashes: string[], heights: number[], starts: number[]): RangeTree {
  let count = size;
  // A node merges with the one on its left only when that one is its sibling: same height, at an even position.
  const push = (leaf: string, leafHeight: number): void => {
    let node = leaf;
    let height = leafHeight;
    let at = count;
    while (
      heights.length > 0 &&
      heights[heights.length - 1] === height &&
      ((starts[starts.length - 1] as number) / 2 ** height) % 2 === 0
    ) {
      node = nodeDigest(hashes.pop() as string, node);
      heights.pop();
      at = starts.pop() as number;
      height++;
    }
    hashes.push(node);
    heights.push(height);
    starts.push(at);
    count += 2 ** leafHeight;
  };
  return {
    start,
    get size() {
      return count;
    },
    append(leaf) {
      if (leaf.length !== 32) throw new RangeError(`a leaf hash has 32 bytes, got ${leaf.length}`);
      push(Buffer.from(leaf.buffer, leaf.byteOffset, 32).toString('latin1'), 0);
    },
    appendRecord(recordHashHex) {
      push(recordLeafDigest(recordHashHex), 0);
    },
    appendSubtree(node) {
      if (count % 2 ** node.height !== 0)
        throw new RangeError(`a subtree of height ${node.height} cannot start at leaf ${count} (not a multiple of ${2 ** node.height})`);
      push(Buffer.from(node.digest, 'hex').toString('latin1'), node.height);
    },
    root() {
      throw new Error(`the root of a tree needs its first ${start} leaves, which this range (from leaf ${start}) does not hold`);
    },
    state() {
      return hashes.map((h) => Buffer.from(h, 'latin1').toString('hex'));
    },
    subtrees() {
      return hashes.map((h, i) => ({ height: heights[i] as number, digest: Buffer.from(h, 'latin1').toString('hex') }));
    },
    clone() {
      return rangeTree(start, count, hashes.slice(), heights.slice(), starts.slice());
    },
  };
}

/** MTH over a list of leaf hashes (already leaf-hashed). */
export function merkleRoot(leaves: readonly Buffer[]): Buffer {
  const tree = createCompactTree();
  for (const leaf of leaves) tree.append(leaf);
  return tree.root();
}

/**
 * All levels of the tree over `leaves` (level 0 = leaves). An odd last node is carried up unchanged,
 * which yields the same root as RFC 6962's recursive split. Memory: about 2 x 32 bytes per leaf.
 */
export function treeLevels(leaves: readonly Buffer[]): Buffer[][] {
  const levels: Buffer[][] = [leaves.slice()];
  let level = levels[0] as Buffer[];
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i] as Buffer, level[i + 1] as Buffer));
    if (level.length % 2 === 1) next.push(level[level.length - 1] as Buffer);
    levels.push(next);
    level = next;
  }
  return levels;
}

/** RFC 9162 §2.1.3.1 inclusion proof (audit path) of leaf `index`, from levels built by `treeLevels`. */
export function inclusionProof(levels: readonly Buffer[][], index: number): Buffer[] {
  const size = levels[0]?.length ?? 0;
  if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
  const path: Buffer[] = [];
  let i = index;
  for (let l = 0; l < levels.length - 1; l++) {
    const level = levels[l] as Buffer[];
    const sibling = i ^ 1;
    if (sibling < level.length) path.push(level[sibling] as Buffer);
    i >>= 1;
  }
  return path;
}

/** RFC 9162 §2.1.3.2: does `path` prove `leaf` at `index` in the tree of `size` with `root`? */
export function verifyInclusion(leaf: Buffer, index: number, size: number, path: readonly Buffer[], root: Buffer): boolean {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (p.length !== 32 || sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}
