// The policy's destination prefixes in a prefix trie per family, so "which rule
// governs this address" is one walk of at most 32 or 128 steps instead of a scan
// of every prefix of every rule: a 32k-rule policy took 23 s against a full table
// that way, and the live screen paid it on every poll. Same answer as the scan:
// the longest prefix wins, and among equal ones the first in policy order.
import { type Addr, addrEquals, networkAddr, type Prefix } from "./ip.js";
import { PrefixTrie } from "./prefix-trie.js";

interface IndexedPrefix<R> {
  rule: R;
  /** The prefix as the policy's canonical text. */
  text: string;
  len: number;
  /** Position in policy order (rule, then prefix): the first of equals wins. */
  order: number;
}

function first<R>(values: readonly IndexedPrefix<R>[]): IndexedPrefix<R> | null {
  let best: IndexedPrefix<R> | null = null;
  for (const v of values) if (!best || v.order < best.order) best = v;
  return best;
}

export class PolicyIndex<R extends { prefixes: readonly { text: string; prefix: Prefix }[] }> {
  private readonly v4 = new PrefixTrie<IndexedPrefix<R>>(4);
  private readonly v6 = new PrefixTrie<IndexedPrefix<R>>(6);

  constructor(rules: readonly R[]) {
    let order = 0;
    for (const rule of rules)
      for (const { text, prefix } of rule.prefixes) {
        const at = order++;
        // A prefix with host bits set contains no address (as in the scan): not indexed.
        if (!addrEquals(networkAddr(prefix.addr, prefix.len), prefix.addr)) continue;
        const trie = prefix.addr.family === 4 ? this.v4 : this.v6;
        trie.insert(prefix, { rule, text, len: prefix.len, order: at });
      }
  }

  /** The governing prefix for this address, or null when no rule names one containing it. */
  best(dst: Addr): IndexedPrefix<R> | null {
    const hit = (dst.family === 4 ? this.v4 : this.v6).longest(dst, first);
    return hit ? hit.value : null;
  }
}
