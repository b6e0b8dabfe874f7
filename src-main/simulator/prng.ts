/**
 * Tiny deterministic PRNG (mulberry32) plus helpers. The simulator's data must be identical for a
 * given seed on every machine, so nothing here may touch Math.random or the wall clock.
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  /** Picks from `[item, weight]` pairs. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  uuid(): string;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX_CODES: readonly number[] = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const DASH = 45;

/**
 * Formats four 32-bit words as a version-4 UUID. Writing char codes into one array and decoding
 * once is several times faster than concatenating hex pieces (it matters for 100,000 workers).
 */
function formatUuid(w0: number, w1: number, w2: number, w3: number): string {
  const codes = new Array<number>(36);
  const words = [
    w0,
    ((w1 & 0xffff0fff) | 0x4000) >>> 0,
    ((w2 & 0x3fffffff) | 0x80000000) >>> 0,
    w3,
  ];
  let p = 0;
  for (const v of words) {
    for (let shift = 28; shift >= 0; shift -= 4) {
      if (p === 8 || p === 13 || p === 18 || p === 23) codes[p++] = DASH;
      codes[p++] = HEX_CODES[(v >>> shift) & 15] ?? 48;
    }
  }
  return String.fromCharCode(...codes);
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const u32 = (): number => Math.floor(next() * 4294967296) >>> 0;
  const rng: Rng = {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick() from an empty list');
      return item;
    },
    weighted: (items) => {
      let total = 0;
      for (const [, w] of items) total += w;
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      const last = items[items.length - 1];
      if (last === undefined) throw new Error('weighted() from an empty list');
      return last[0];
    },
    // RFC 4122 version-4 layout, filled from the seeded stream.
    uuid: () => formatUuid(u32(), u32(), u32(), u32()),
  };
  return rng;
}

/** 32-bit FNV-1a, used to fingerprint queries inside pagination cursors. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
