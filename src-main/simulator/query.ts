/**
 * Filtering, searching and sorting over the workers, fast enough for 100,000 of them:
 * - search: all folded search keys live in one big string per kind, scanned with `indexOf`
 *   (native and fast) instead of 100,000 `includes` calls; positions map back to workers by
 *   binary search over the key offsets;
 * - sort: each order is computed once per key (both directions reuse it) by ranking distinct
 *   values and sorting packed numbers natively;
 * - the matching index list of recent queries is cached, so paging is O(page) after page one.
 */
import type { Worker } from './data.js';
import { fold } from './text.js';

export type SearchKind = 'person' | 'contract';

export interface WorkerQuery {
  search?: string | undefined;
  searchIn: SearchKind;
  filters: readonly ((w: Worker) => boolean)[];
  /** Fingerprint of `filters` (the predicates themselves are not comparable). */
  filterKey: string;
  sortKey?: string | undefined;
  descending: boolean;
}

export type SortValue = (w: Worker) => string | number;

/**
 * What `search` matches for one kind. Emails keep only their local part in the text, followed by
 * a marker per domain: 100,000 copies of "@northwind-demo.example" would double the text to scan.
 * A needle with "@" is matched as `<local suffix><marker>` for each domain it is a prefix of; a
 * needle found inside a domain matches every worker.
 */
export interface SearchSpec {
  text: (w: Worker) => string;
  domains: readonly { marker: string; domain: string }[];
}

const CACHE_SIZE = 32;
/** Above MAX_WORKERS, so `rank * RANK_STRIDE + index` keeps both parts. */
const RANK_STRIDE = 131_072;
/** Separates workers in the haystack; stripped from needles so matches never span two workers. */
const SEPARATOR = '\u0001';

interface Haystack {
  text: string;
  /** Start offset of worker i's key in `text`. */
  starts: Int32Array;
}

/** Normalises a user search term the way keys are folded; '' means "no search". */
export function searchNeedle(search: string | undefined): string {
  return search ? fold(search.replace(/\p{Cc}/gu, ' ').trim()) : '';
}

export class WorkerIndex {
  private readonly sorted = new Map<string, Int32Array>();
  private readonly results = new Map<string, Int32Array>();
  private readonly haystacks = new Map<SearchKind, Haystack>();
  private readonly inverses = new Map<string, Int32Array>();
  /** Which workers pass a set of filters, by filterKey: computed once, then one byte per test. */
  private readonly filterMasks = new Map<string, Uint8Array>();

  constructor(
    private readonly workers: readonly Worker[],
    private readonly sortValues: Readonly<Record<string, SortValue>>,
    private readonly searchSpecs: Readonly<Record<SearchKind, SearchSpec>>,
  ) {}

  get size(): number {
    return this.workers.length;
  }

  /** Precomputes the structures first requests would otherwise build (sort orders, haystacks). */
  warm(sortKeys: readonly string[], kinds: readonly SearchKind[]): void {
    for (const k of sortKeys) this.order(k);
    for (const k of kinds) this.haystack(k);
  }

  /** Indices of matching workers, in the requested order. */
  run(q: WorkerQuery): Int32Array {
    const needle = searchNeedle(q.search);
    const cacheKey = `${q.searchIn}\u0000${needle}\u0000${q.filterKey}\u0000${q.sortKey ?? ''}\u0000${q.descending ? 'd' : 'a'}`;
    const cached = this.results.get(cacheKey);
    if (cached) {
      this.results.delete(cacheKey);
      this.results.set(cacheKey, cached);
      return cached;
    }
    const order = this.order(q.sortKey);
    if (!needle && q.filters.length === 0 && !q.descending) return order;
    const hits = needle ? this.searchHits(q.searchIn, needle) : undefined;
    const allowed = this.filterMask(q);
    const passes = (idx: number): boolean => allowed === undefined || allowed[idx] === 1;
    const n = order.length;
    let result: Int32Array;
    if (hits && hits.length * 8 < n) {
      // Few hits: filter them, then order them by their position in the sorted order.
      const inverse = this.inverse(q.sortKey);
      const positions = new Int32Array(hits.length);
      let count = 0;
      for (const idx of hits) {
        if (passes(idx)) positions[count++] = inverse[idx] ?? 0;
      }
      const sorted = positions.subarray(0, count).sort();
      result = new Int32Array(count);
      for (let k = 0; k < count; k++) {
        result[k] = order[sorted[q.descending ? count - 1 - k : k] ?? 0] ?? 0;
      }
    } else {
      let mask: Uint8Array | undefined;
      if (hits) {
        mask = new Uint8Array(n);
        for (const idx of hits) mask[idx] = 1;
      }
      const out = new Int32Array(n);
      let count = 0;
      for (let k = 0; k < n; k++) {
        const idx = order[q.descending ? n - 1 - k : k] ?? 0;
        if (mask && mask[idx] !== 1) continue;
        if (passes(idx)) out[count++] = idx;
      }
      result = out.slice(0, count);
    }
    this.results.set(cacheKey, result);
    if (this.results.size > CACHE_SIZE) {
      const oldest = this.results.keys().next().value;
      if (oldest !== undefined) this.results.delete(oldest);
    }
    return result;
  }

  /** One byte per worker (1 = passes every filter), cached per filter set; none without filters. */
  private filterMask(q: WorkerQuery): Uint8Array | undefined {
    if (q.filters.length === 0) return undefined;
    // Per search kind too: people and contracts build their filter keys independently.
    const key = `${q.searchIn}\u0000${q.filterKey}`;
    const hit = this.filterMasks.get(key);
    if (hit) return hit;
    const mask = new Uint8Array(this.workers.length);
    this.workers.forEach((w, i) => {
      for (const f of q.filters) if (!f(w)) return;
      mask[i] = 1;
    });
    this.filterMasks.set(key, mask);
    if (this.filterMasks.size > CACHE_SIZE) {
      const oldest = this.filterMasks.keys().next().value;
      if (oldest !== undefined) this.filterMasks.delete(oldest);
    }
    return mask;
  }

  /** Ascending order for a sort key (ties broken by creation order); identity when unsorted. */
  order(sortKey: string | undefined): Int32Array {
    const key = sortKey && this.sortValues[sortKey] ? sortKey : '';
    const hit = this.sorted.get(key);
    if (hit) return hit;
    const n = this.workers.length;
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    const valueOf = this.sortValues[key];
    if (valueOf) {
      // Rank the distinct values once, then sort (rank, index) pairs packed into one float64:
      // a native numeric typed-array sort, much faster than a comparator over 100,000 strings.
      const values = this.workers.map(valueOf);
      const distinct = [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const rank = new Map<string | number, number>();
      distinct.forEach((v, r) => rank.set(v, r));
      const packed = new Float64Array(n);
      for (let i = 0; i < n; i++) packed[i] = (rank.get(values[i] ?? '') ?? 0) * RANK_STRIDE + i;
      packed.sort();
      for (let i = 0; i < n; i++) idx[i] = (packed[i] ?? 0) % RANK_STRIDE;
    }
    this.sorted.set(key, idx);
    return idx;
  }

  /** Position of each worker in the ascending order of a sort key. */
  private inverse(sortKey: string | undefined): Int32Array {
    const key = sortKey && this.sortValues[sortKey] ? sortKey : '';
    const hit = this.inverses.get(key);
    if (hit) return hit;
    const order = this.order(key);
    const inv = new Int32Array(order.length);
    for (let pos = 0; pos < order.length; pos++) inv[order[pos] ?? 0] = pos;
    this.inverses.set(key, inv);
    return inv;
  }

  private haystack(kind: SearchKind): Haystack {
    const hit = this.haystacks.get(kind);
    if (hit) return hit;
    const textOf = this.searchSpecs[kind].text;
    const starts = new Int32Array(this.workers.length);
    const parts: string[] = [];
    let pos = 0;
    this.workers.forEach((w, i) => {
      const key = textOf(w).replaceAll(SEPARATOR, ' ');
      starts[i] = pos;
      parts.push(key);
      pos += key.length + 1;
    });
    const built = { text: parts.join(SEPARATOR), starts };
    this.haystacks.set(kind, built);
    return built;
  }

  /** Ascending indices of the workers whose search text contains the needle. */
  private searchHits(kind: SearchKind, needle: string): Int32Array {
    const spec = this.searchSpecs[kind];
    const at = needle.indexOf('@');
    if (at < 0) {
      if (spec.domains.some((d) => d.domain.includes(needle))) return this.order('');
      return this.scan(kind, needle);
    }
    const local = needle.slice(0, at);
    const domain = needle.slice(at + 1);
    if (local === '' && spec.domains.some((d) => d.domain.startsWith(domain))) {
      return this.order('');
    }
    const parts = spec.domains
      .filter((d) => d.domain.startsWith(domain))
      .map((d) => this.scan(kind, `${local}${d.marker}`));
    if (parts.length === 1) return parts[0] ?? new Int32Array(0);
    const merged = new Set<number>();
    for (const p of parts) for (const i of p) merged.add(i);
    return Int32Array.from([...merged].sort((a, b) => a - b));
  }

  private scan(kind: SearchKind, needle: string): Int32Array {
    const { text, starts } = this.haystack(kind);
    const found: number[] = [];
    let from = 0;
    for (;;) {
      const at = text.indexOf(needle, from);
      if (at < 0) break;
      // Binary search: the last worker whose text starts at or before `at`.
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if ((starts[mid] ?? 0) <= at) lo = mid;
        else hi = mid - 1;
      }
      found.push(lo);
      from = lo + 1 < starts.length ? (starts[lo + 1] ?? text.length) : text.length;
    }
    return Int32Array.from(found);
  }
}
