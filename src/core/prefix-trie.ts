// A binary prefix trie on typed arrays. Full tables (about 1M routes) must not
// cost a JS object per node: children live in two Int32Arrays and each node
// points into a dense list of value buckets (see trie-buckets.ts).

import { appendAll } from "./append-all.js";
import { type Addr, bitsOf, type Prefix } from "./ip.js";
import type { Family } from "./model.js";
import { TrieBuckets } from "./trie-buckets.js";

interface TrieMatch<T> {
  len: number;
  values: readonly T[];
}

/** Address bits as 32-bit words, so IPv6 walks need no bigint per step. */
function addrWords(a: Addr): Uint32Array {
  if (a.family === 4) return Uint32Array.of(a.v);
  const w = new Uint32Array(4);
  for (let i = 0; i < 4; i++) w[i] = Number((a.v >> BigInt(96 - 32 * i)) & 0xffffffffn);
  return w;
}

function bit(words: Uint32Array, i: number): number {
  return ((words[i >>> 5] as number) >>> (31 - (i & 31))) & 1;
}

export class PrefixTrie<T> {
  private zero = new Int32Array(1024);
  private one = new Int32Array(1024);
  /** Per node: bucket number plus one, 0 = none. */
  private slot = new Int32Array(1024);
  private nodes = 1;
  private readonly buckets = new TrieBuckets<T>();
  private count = 0;

  constructor(readonly family: Family) {}

  get size(): number {
    return this.count;
  }

  private grow(): void {
    const n = this.zero.length * 2;
    for (const key of ["zero", "one", "slot"] as const) {
      const next = new Int32Array(n);
      next.set(this[key]);
      this[key] = next;
    }
  }

  private child(node: number, b: number, create: boolean): number {
    const arr = b ? this.one : this.zero;
    let c = arr[node] as number;
    if (c === 0 && create) {
      if (this.nodes >= this.zero.length) this.grow();
      c = this.nodes++;
      (b ? this.one : this.zero)[node] = c;
    }
    return c;
  }

  /** Scratch words for walks: a million inserts must not allocate a typed array each. */
  private readonly words = new Uint32Array(4);

  private wordsOf(a: Addr): Uint32Array {
    const w = this.words;
    if (a.family === 4) w[0] = a.v;
    else for (let i = 0; i < 4; i++) w[i] = Number((a.v >> BigInt(96 - 32 * i)) & 0xffffffffn);
    return w;
  }

  insert(p: Prefix, value: T): void {
    if (p.addr.family !== this.family) throw new RangeError("prefix family does not match the trie");
    const words = this.wordsOf(p.addr);
    let node = 0;
    for (let i = 0; i < p.len; i++) node = this.child(node, bit(words, i), true);
    const s = this.slot[node] as number;
    if (s === 0) this.slot[node] = this.buckets.open(value);
    else this.buckets.add(s, value);
    this.count++;
  }

  /**
   * Removes one value stored under exactly this prefix (the first for which
   * `same` holds); false when there is none. Nodes stay: a route coming back
   * (the common flap) finds its path already built.
   */
  remove(p: Prefix, value: T, same: (a: T, b: T) => boolean = Object.is): boolean {
    if (p.addr.family !== this.family) return false;
    const words = this.wordsOf(p.addr);
    let node = 0;
    for (let i = 0; i < p.len; i++) {
      node = this.child(node, bit(words, i), false);
      if (node === 0) return false;
    }
    const s = this.slot[node] as number;
    if (s === 0) return false;
    const out = this.buckets.remove(s, value, same);
    if (out === "no") return false;
    if (out === "empty") this.slot[node] = 0;
    this.count--;
    return true;
  }

  /** Values stored under exactly this prefix. */
  exact(p: Prefix): readonly T[] {
    const words = this.wordsOf(p.addr);
    let node = 0;
    for (let i = 0; i < p.len && node >= 0; i++) {
      node = this.child(node, bit(words, i), false);
      if (node === 0) return [];
    }
    const s = this.slot[node] as number;
    return s ? this.buckets.values(s, true) : [];
  }

  /**
   * The longest stored prefix containing the address that has a value passing
   * `pick`; `pick` chooses among the values stored under one prefix (or null).
   */
  longest<R>(a: Addr, pick: (values: readonly T[]) => R | null): { len: number; value: R } | null {
    if (a.family !== this.family) return null;
    const max = bitsOf(this.family);
    const slots = this.scratchSlots;
    const lens = this.scratchLens;
    let found = 0;
    let node = 0;
    if (a.family === 4) {
      const v = a.v;
      for (let depth = 0; ; depth++) {
        const s = this.slot[node] as number;
        if (s) {
          slots[found] = s;
          lens[found++] = depth;
        }
        if (depth === 32) break;
        node = (((v >>> (31 - depth)) & 1) === 1 ? this.one[node] : this.zero[node]) as number;
        if (node === 0) break;
      }
    } else {
      const words = this.wordsOf(a);
      for (let depth = 0; ; depth++) {
        const s = this.slot[node] as number;
        if (s) {
          slots[found] = s;
          lens[found++] = depth;
        }
        if (depth === max) break;
        node = this.child(node, bit(words, depth), false);
        if (node === 0) break;
      }
    }
    for (let k = found - 1; k >= 0; k--) {
      const value = pick(this.buckets.values(slots[k] as number, false));
      if (value !== null) return { len: lens[k] as number, value };
    }
    return null;
  }

  private readonly scratchSlots = new Int32Array(129);
  private readonly scratchLens = new Int32Array(129);

  /** Every value stored under this prefix or a longer one inside it (in trie order). */
  within(p: Prefix): T[] {
    const out: T[] = [];
    if (p.addr.family !== this.family) return out;
    const words = this.wordsOf(p.addr);
    let node = 0;
    for (let i = 0; i < p.len; i++) {
      node = this.child(node, bit(words, i), false);
      if (node === 0) return out;
    }
    const stack = [node];
    while (stack.length > 0) {
      const n = stack.pop() as number;
      const s = this.slot[n] as number;
      if (s) appendAll(out, this.buckets.values(s, false));
      const z = this.zero[n] as number;
      const o = this.one[n] as number;
      if (o) stack.push(o);
      if (z) stack.push(z);
    }
    return out;
  }

  /** Every stored prefix containing the address, longest first. */
  matches(a: Addr): TrieMatch<T>[] {
    if (a.family !== this.family) return [];
    const words = addrWords(a);
    const max = bitsOf(this.family);
    const found: TrieMatch<T>[] = [];
    let node = 0;
    for (let depth = 0; ; depth++) {
      const s = this.slot[node] as number;
      if (s) found.push({ len: depth, values: this.buckets.values(s, true) });
      if (depth === max) break;
      node = this.child(node, bit(words, depth), false);
      if (node === 0) break;
    }
    return found.reverse();
  }
}
