import { describe, expect, it } from 'vitest';
import { appendLeaf, consistencyProof, EMPTY_ROOT, inclusionPath, rootOf, rootOfLeaves, verifyConsistency, verifyInclusion } from './merkle.js';

// The test vectors of Certificate Transparency's reference implementation (RFC 6962/9162 trees).
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((x) => Buffer.from(x, 'hex'));
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const leavesOf = (n: number): Buffer[] => Array.from({ length: n }, (_, i) => Buffer.from(`entry ${i}`));

describe('the audit Merkle tree', () => {
  it('has the roots of the reference vectors, whole and by its right edge', () => {
    expect(rootOfLeaves([]).equals(EMPTY_ROOT)).toBe(true);
    let frontier: Buffer[] = [];
    LEAVES.forEach((leaf, i) => {
      frontier = appendLeaf(frontier, i, leaf);
      expect(rootOf(frontier).toString('hex')).toBe(ROOTS[i]);
      expect(rootOfLeaves(LEAVES.slice(0, i + 1)).toString('hex')).toBe(ROOTS[i]);
    });
  });

  it('proves every leaf of every size up to 33, and no other leaf or place', () => {
    for (let n = 1; n <= 33; n += 1) {
      const leaves = leavesOf(n);
      const root = rootOfLeaves(leaves);
      for (let i = 0; i < n; i += 1) {
        const path = inclusionPath(leaves, i);
        expect(verifyInclusion(leaves[i]!, i, n, path, root)).toBe(true);
        expect(verifyInclusion(Buffer.from('forged'), i, n, path, root)).toBe(false);
        if (n > 1) expect(verifyInclusion(leaves[i]!, (i + 1) % n, n, path, root)).toBe(false);
      }
    }
  });

  it('proves each tree a prefix of every larger one, and not of a rewritten one', () => {
    for (let n = 1; n <= 20; n += 1) {
      const leaves = leavesOf(n);
      const root = rootOfLeaves(leaves);
      for (let m = 1; m <= n; m += 1) {
        const proof = consistencyProof(leaves, m);
        const old = rootOfLeaves(leaves.slice(0, m));
        expect(verifyConsistency(m, n, proof, old, root)).toBe(true);
        const rewritten = rootOfLeaves([Buffer.from('rewritten'), ...leaves.slice(1, m)]);
        expect(verifyConsistency(m, n, proof, rewritten, root)).toBe(false);
      }
    }
  });
});
