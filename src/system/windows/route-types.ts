// Windows lists local, broadcast and multicast entries in the same table as unicast
// routes; naming them lets the screen dim them and the engine treat them right.
import { formatV4, parsePrefix, prefixContains } from "../../core/ip.js";
import type { Route } from "../../core/model.js";

const MCAST_V4 = parsePrefix("224.0.0.0/4");
const MCAST_V6 = parsePrefix("ff00::/8");

/**
 * Sets `type` in place from the table itself (route print shows no type column).
 * Host routes to `own` addresses, or to an address printed as a card, are "local".
 */
export function classifyRouteTypes(routes: Route[], ownAddresses: Iterable<string> = []): void {
  const own = new Set<string>(ownAddresses);
  const broadcasts = new Set<string>(["255.255.255.255"]);
  for (const r of routes) {
    if (r.family !== 4 || r.interface === null) continue;
    own.add(r.interface);
    const p = parsePrefix(r.destination);
    if (r.gateway === null && p && p.addr.family === 4 && p.len > 0 && p.len <= 30) {
      const host = 2 ** (32 - p.len) - 1;
      broadcasts.add(`${r.interface}>${formatV4((p.addr.v + host) >>> 0)}`);
    }
  }
  for (const r of routes) {
    const p = parsePrefix(r.destination);
    if (!p) continue;
    const mcast = p.addr.family === 4 ? MCAST_V4 : MCAST_V6;
    if (mcast && prefixContains(mcast, p.addr) && p.len >= mcast.len) {
      r.type = "multicast";
      continue;
    }
    if (p.addr.family !== 4 || p.len !== 32) continue;
    const addr = r.destination.slice(0, -3);
    if (broadcasts.has(addr) || broadcasts.has(`${r.interface}>${addr}`)) r.type = "broadcast";
    else if (own.has(addr)) r.type = "local";
  }
}
