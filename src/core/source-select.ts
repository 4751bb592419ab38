// Source address selection. Linux (inet_select_addr): the route's preferred
// source, else a primary address of the out card on the next hop's subnet, else
// its first primary address. Windows (KB969029, 2008 R2 and later): among the
// out card's usable addresses, the longest match with the next hop.
import { type Addr, formatAddr, parseAddr, parsePrefix, prefixContains } from "./ip.js";
import type { IfAddress, NetInterface } from "./model.js";
import type { RoutingIndex } from "./routing-index.js";

function commonPrefixLen(a: Addr, b: Addr): number {
  if (a.family !== b.family) return -1;
  const bits = a.family === 4 ? 32 : 128;
  for (let i = 0; i < bits; i++) {
    const x = a.family === 4 ? (a.v >>> (31 - i)) & 1 : Number((a.v >> BigInt(127 - i)) & 1n);
    const y = b.family === 4 ? (b.v >>> (31 - i)) & 1 : Number((b.v >> BigInt(127 - i)) & 1n);
    if (x !== y) return i;
  }
  return bits;
}

function onSubnet(a: IfAddress, target: Addr): boolean {
  const p = parsePrefix(`${a.address}/${a.prefixLen}`);
  return !!p && prefixContains(p, target);
}

export function selectSource(
  index: RoutingIndex,
  card: NetInterface | null,
  dst: Addr,
  gateway: string | null,
  prefsrc: string | null,
): string | null {
  if (prefsrc) return prefsrc;
  const next = (gateway ? parseAddr(gateway) : null) ?? dst;
  const usable = (card?.addresses ?? []).filter((a) => a.family === dst.family && !a.skipAsSource);
  if (index.os === "windows") {
    let best: IfAddress | null = null;
    let bestLen = -1;
    for (const a of usable) {
      const addr = parseAddr(a.address);
      const len = addr ? commonPrefixLen(addr, next) : -1;
      if (len > bestLen) {
        best = a;
        bestLen = len;
      }
    }
    return best?.address ?? null;
  }
  const primaries = usable.filter((a) => a.primary !== false);
  const fit = primaries.find((a) => onSubnet(a, next)) ?? usable.find((a) => onSubnet(a, next));
  if (fit) return fit.address;
  const first = primaries.find((a) => a.scope === undefined || a.scope === "global") ?? primaries[0];
  if (first) return first.address;
  if (index.os !== "linux") return null;
  // Linux falls back to any global address of the host when the card has none.
  for (const i of index.interfaces)
    for (const a of i.addresses)
      if (a.family === dst.family && (a.scope === "global" || a.scope === undefined) && !isLoop(a.address))
        return formatAddr(parseAddr(a.address) as Addr);
  return null;
}

function isLoop(s: string): boolean {
  return s.startsWith("127.") || s === "::1";
}
