// A card's prefix length from the routing table: the longest unicast on-link route
// of that card that holds the address. Windows' ipconfig and macOS's netstat print
// addresses without one, so both backends (and `analyze`) read it the same way.
import { parsePrefix, prefixContains } from "../../core/ip.js";
import type { NetInterface, Route } from "../../core/model.js";

/** The prefix length of `address` on card `card` (`max`, a host route, when no route says). */
export function onLinkLen(address: string, routes: readonly Route[], card: string, max: number): number {
  const addr = parsePrefix(address)?.addr;
  if (!addr) return max;
  let best = 0;
  for (const r of routes) {
    if (r.type !== "unicast" || r.gateway !== null || r.interface !== card) continue;
    const p = parsePrefix(r.destination);
    if (p && p.len > best && p.len < max && prefixContains(p, addr)) best = p.len;
  }
  return best === 0 ? max : best;
}

/** IPv6 prefix lengths from the card's on-link routes (ipconfig prints none). */
export function refinePrefixLens(interfaces: NetInterface[], routes: readonly Route[]): void {
  for (const i of interfaces)
    for (const a of i.addresses)
      if (a.family === 6 && a.address !== "::1") {
        const len = onLinkLen(a.address, routes, i.name, 128);
        if (len < 128) a.prefixLen = len;
      }
}
