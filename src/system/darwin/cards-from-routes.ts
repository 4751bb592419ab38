import type { NetInterface } from "../../core/model.js";
import { onLinkLen } from "../parts/on-link.js";
import type { DarwinRouteRow, NetstatRnResult } from "./parse-netstat-rn.js";
import { prefixOf } from "./parse-netstat-rn.js";

const LINK = /^link#(\d+)$/;
const MAC = /^[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}$/i;
const isHost = (p: string) => p.endsWith("/32") || p.endsWith("/128");

/** Card name → index, from network rows 'link#N … en0'. */
export function linkIndexes(rows: readonly DarwinRouteRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    const m = LINK.exec(r.gateway);
    const p = prefixOf(r.destination, r.family);
    if (!m || !p || out.has(r.netif)) continue;
    // lo0 also carries every card's own addresses (with that card's link#): only its
    // own loopback rows name lo0's index.
    const ok = /^lo\d/.test(r.netif) ? /^(127\.|::1\/|fe80::(1\/128|\/))/.test(p) : !isHost(p);
    if (ok) out.set(r.netif, Number(m[1]));
  }
  return out;
}

export function cardsFromRoutes(rn: NetstatRnResult): NetInterface[] {
  const idx = linkIndexes(rn.rows);
  const byLink = new Map([...idx].map(([name, n]) => [n, name] as const));
  const macOwner = new Map<string, string>();
  for (const r of rn.rows) {
    const zone = /%([^/]+)/.exec(r.destination)?.[1];
    if (zone && MAC.test(r.gateway) && /^lo\d/.test(r.netif)) macOwner.set(r.gateway.toLowerCase(), zone);
  }
  // macOS also lists each own address as 'a.b.c.d/32 link#N … enX' next to its lo0 row.
  const hostOn = new Map<string, string>();
  for (const r of rn.rows) {
    const p = prefixOf(r.destination, r.family);
    if (p && isHost(p) && LINK.test(r.gateway) && !/^lo\d/.test(r.netif)) hostOn.set(p, r.netif);
  }
  const cards = new Map<string, NetInterface>();
  const card = (name: string): NetInterface => {
    let c = cards.get(name);
    if (!c) {
      c = { index: idx.get(name) ?? 0, name, addresses: [], up: true };
      cards.set(name, c);
    }
    return c;
  };
  for (const r of rn.routes) if (r.interface) card(r.interface);
  const lo = [...cards.values()].find((c) => /^lo\d/.test(c.name));
  if (lo)
    lo.addresses.push(
      { address: "127.0.0.1", prefixLen: 8, family: 4, primary: true },
      { address: "::1", prefixLen: 128, family: 6 },
    );
  for (const r of rn.rows) {
    const p = prefixOf(r.destination, r.family);
    if (!r.parsed || !p || !isHost(p) || !/^lo\d/.test(r.netif) || r.flags.includes("G")) continue;
    const address = p.slice(0, p.lastIndexOf("/"));
    if (address === "127.0.0.1" || address === "::1") continue;
    const zone = /%([^/]+)/.exec(r.destination)?.[1];
    const link = LINK.exec(r.gateway);
    const owner =
      zone ??
      (link ? byLink.get(Number(link[1])) : undefined) ??
      macOwner.get(r.gateway.toLowerCase()) ??
      hostOn.get(p);
    if (!owner || /^lo\d/.test(owner)) continue;
    const c = card(owner);
    if (c.addresses.some((a) => a.address === address)) continue;
    const family = r.family;
    const len = onLinkLen(address, rn.routes, owner, family === 4 ? 32 : 128);
    c.addresses.push({
      address,
      prefixLen: len,
      family,
      ...(family === 4 && !c.addresses.some((a) => a.family === 4) ? { primary: true } : {}),
      ...(address.startsWith("fe80:") ? { scope: "link" } : {}),
    });
  }
  return [...cards.values()];
}
