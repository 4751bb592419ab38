// route print names a route's card by an address (IPv4) or an If index (IPv6); the
// engine wants the card's name. One place maps both, so every source agrees.
import { normalizeAddr, parseIfIndex } from "../../core/ip.js";
import type { NetInterface, Route } from "../../core/model.js";

/**
 * Rewrites the printed interface (an address for IPv4, an If index for IPv6) to the
 * name of the card that owns it; 127.0.0.1 goes to the loopback. Unknown ones stay as printed.
 */
export function resolveRouteInterfaces(
  routes: readonly Route[],
  interfaces: readonly NetInterface[],
): Route[] {
  const byAddr = new Map<string, string>();
  for (const i of interfaces)
    for (const a of i.addresses) if (!byAddr.has(a.address)) byAddr.set(a.address, i.name);
  const loop = interfaces.find((i) => /loopback/i.test(`${i.name} ${i.description ?? ""}`));
  if (loop && !byAddr.has("127.0.0.1")) byAddr.set("127.0.0.1", loop.name);
  const byIndex = new Map(interfaces.map((i) => [i.index, i.name] as const));
  return routes.map((r) => {
    if (r.interface === null) return r;
    const text = r.interface.trim();
    const addr = normalizeAddr(text);
    const name = addr ? byAddr.get(addr) : byIndex.get(parseIfIndex(text) ?? -1);
    return name === undefined ? r : { ...r, interface: name };
  });
}
