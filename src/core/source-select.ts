// Source address selection. Linux (inet_select_addr): the route's preferred
// source, else a primary address of the out card on the next hop's subnet, else
// its first primary address; IPv6 is scored as RFC 6724 (source-select-v6.ts). Windows (KB969029, 2008 R2 and later): among the
// out card's usable addresses, the longest match with the next hop.
import { type Addr, formatAddr, parseAddr, prefixContains } from "./ip.js";
import type { CardAddress, RoutingIndex } from "./routing-index.js";
import { selectSourceV6 } from "./source-select-v6.js";

function commonPrefixLen(a: Addr, b: Addr): number {
  if (a.family === 4 && b.family === 4) return Math.clz32((a.v ^ b.v) >>> 0);
  if (a.family === 6 && b.family === 6) {
    const x = a.v ^ b.v;
    return x === 0n ? 128 : 128 - x.toString(2).length;
  }
  return -1;
}

const isGlobal = (c: CardAddress) => c.info.scope === undefined || c.info.scope === "global";
const isLoopback = (c: CardAddress) => (c.addr.family === 4 ? c.addr.v >>> 24 === 127 : c.addr.v === 1n);

export function selectSource(
  index: RoutingIndex,
  card: string | null,
  dst: Addr,
  gateway: string | null,
  prefsrc: string | null,
): string | null {
  if (prefsrc) return prefsrc;
  if (index.os === "linux" && dst.family === 6) {
    const v6 = selectSourceV6(index, card, dst);
    return v6 ? v6.info.address : null;
  }
  const next = (gateway ? parseAddr(gateway) : null) ?? dst;
  const all = (card ? index.cards.get(card)?.addresses : undefined) ?? [];
  const usable = all.filter((c) => c.addr.family === dst.family && !c.info.skipAsSource);
  if (index.os === "windows") {
    let best: CardAddress | null = null;
    let bestLen = -1;
    for (const c of usable) {
      const len = commonPrefixLen(c.addr, next);
      if (len > bestLen) {
        best = c;
        bestLen = len;
      }
    }
    return best ? formatAddr(best.addr) : null;
  }
  let fit: CardAddress | undefined;
  let anyFit: CardAddress | undefined;
  let firstGlobal: CardAddress | undefined;
  let first: CardAddress | undefined;
  for (const c of usable) {
    const primary = c.info.primary !== false;
    if (prefixContains(c.subnet, next)) {
      if (primary && !fit) fit = c;
      anyFit ??= c;
    }
    if (primary) {
      first ??= c;
      if (isGlobal(c)) firstGlobal ??= c;
    }
  }
  const chosen = fit ?? anyFit ?? firstGlobal ?? first;
  if (chosen) return chosen.info.address;
  if (index.os !== "linux") return null;
  // Linux falls back to any global address of the host when the card has none.
  for (const { addresses } of index.cards.values())
    for (const c of addresses)
      if (c.addr.family === dst.family && isGlobal(c) && !isLoopback(c)) return formatAddr(c.addr);
  return null;
}
