import { createHash, hash } from 'node:crypto';

// The Merkle tree of the audit log in the manner of Certificate Transparency (RFC 9162,
// section 2.1): leaves are the entries' chain hashes in chain order; a leaf hashes as
// SHA-256(0x00 ‖ leaf), an inner node as SHA-256(0x01 ‖ left ‖ right).

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export const leafHash = (leaf: Buffer): Buffer => hash('sha256', Buffer.concat([LEAF, leaf]), 'buffer') as unknown as Buffer;
export const nodeHash = (left: Buffer, right: Buffer): Buffer => hash('sha256', Buffer.concat([NODE, left, right]), 'buffer') as unknown as Buffer;
/** The hash of the empty tree. */
export const EMPTY_ROOT = createHash('sha256').digest();

/**
 * The tree's right edge: the roots of its perfect subtrees, largest (leftmost) first, one
 * per set bit of the size. Appending a leaf merges equal subtrees like a binary counter.
 */
export function appendLeaf(frontier: Buffer[], size: number, leaf: Buffer): Buffer[] {
  const next = [...frontier];
  let carry = leafHash(leaf);
  for (let m = size; m & 1; m >>= 1) carry = nodeHash(next.pop()!, carry);
  next.push(carry);
  return next;
}

/** The root of the tree whose right edge is `frontier`: its subtrees folded from the right. */
export function rootOf(frontier: readonly Buffer[]): Buffer {
  if (frontier.length === 0) return EMPTY_ROOT;
  let root = frontier[frontier.length - 1]!;
  for (let i = frontier.length - 2; i >= 0; i -= 1) root = nodeHash(frontier[i]!, root);
  return root;
}

const split = (n: number): number => {
  let k = 1;
  while (k << 1 < n) k <<= 1;
  return k;
};

/** MTH(D[lo:hi]) over leaf hashes. */
function subtree(leaves: readonly Buffer[], lo: number, hi: number): Buffer {
  if (hi - lo === 1) return leaves[lo]!;
  const k = split(hi - lo);
  return nodeHash(subtree(leaves, lo, lo + k), subtree(leaves, lo + k, hi));
}

/** The root of the tree of these leaves (the entries' chain hashes). */
export function rootOfLeaves(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  return subtree(leaves.map(leafHash), 0, leaves.length);
}

/** PATH(m, D[n]), RFC 9162 2.1.3.1: the audit path of leaf `index` (0-based) in the tree of `leaves`. */
export function inclusionPath(leaves: readonly Buffer[], index: number): Buffer[] {
  const hashed = leaves.map(leafHash);
  const path = (m: number, lo: number, hi: number): Buffer[] => {
    if (hi - lo <= 1) return [];
    const k = split(hi - lo);
    return m < k ? [...path(m, lo, lo + k), subtree(hashed, lo + k, hi)] : [...path(m - k, lo + k, hi), subtree(hashed, lo, lo + k)];
  };
  return path(index, 0, hashed.length);
}

/** PROOF(m, D[n]), RFC 9162 2.1.4.1: that the tree of the first `m` leaves is a prefix of the tree of all. */
export function consistencyProof(leaves: readonly Buffer[], m: number): Buffer[] {
  const hashed = leaves.map(leafHash);
  const sub = (m1: number, lo: number, hi: number, complete: boolean): Buffer[] => {
    const n = hi - lo;
    if (m1 === n) return complete ? [] : [subtree(hashed, lo, hi)];
    const k = split(n);
    return m1 <= k ? [...sub(m1, lo, lo + k, complete), subtree(hashed, lo + k, hi)] : [...sub(m1 - k, lo + k, hi, false), subtree(hashed, lo, lo + k)];
  };
  if (m === 0 || m === hashed.length) return [];
  return sub(m, 0, hashed.length, true);
}

/** RFC 9162 2.1.3.2: does the audit path lead from the leaf to the root? */
export function verifyInclusion(leaf: Buffer, index: number, size: number, path: readonly Buffer[], root: Buffer): boolean {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash(leaf);
  for (const p of path) {
    if (sn === 0) return false;
    if (fn & 1 || fn === sn) {
      r = nodeHash(p, r);
      if (!(fn & 1)) while (fn !== 0 && !(fn & 1)) {
        fn >>= 1;
        sn >>= 1;
      }
    } else r = nodeHash(r, p);
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 2.1.4.2: does the proof show the tree of `first` leaves is a prefix of the tree of `second`? */
export function verifyConsistency(first: number, second: number, proof: readonly Buffer[], firstRoot: Buffer, secondRoot: Buffer): boolean {
  if (first > second) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0) return proof.length === 0;
  const path = [...proof];
  // A first tree that is a perfect left subtree is its own first node.
  if ((first & (first - 1)) === 0) path.unshift(firstRoot);
  let fn = first - 1;
  let sn = second - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  let fr = path[0];
  let sr = path[0];
  if (!fr || !sr) return false;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn & 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!(fn & 1)) while (fn !== 0 && !(fn & 1)) {
        fn >>= 1;
        sn >>= 1;
      }
    } else sr = nodeHash(sr, c);
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}
