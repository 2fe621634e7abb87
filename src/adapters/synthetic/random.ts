// Synthetic test data: adapters generate exports of any size (benchmarks, load tests) from
// a seed, so a seed gives the same file on every machine. Fictitious persons only.

/** Mulberry32: small, fast, and the same sequence for the same seed on every platform; values in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A made-up AHV number (13 digits): 756, nine digits drawn from `random`, the EAN-13 check digit. */
export function syntheticAhv(random: () => number): string {
  const twelve = `756${Array.from({ length: 9 }, () => Math.floor(random() * 10)).join('')}`;
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(twelve[i]) * (i % 2 === 0 ? 1 : 3);
  return `${twelve}${(10 - (sum % 10)) % 10}`;
}
