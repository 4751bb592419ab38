// "Which way does this destination go": the route engine, per OS semantics.
import { type Addr, formatAddr, parseAddr, splitZone, unmapV4 } from "./ip.js";
import { runRules } from "./lookup-rules.js";
import type { LookupResult, NetInterface, Route } from "./model.js";
import { type RoutingIndex, type TableHit, tableLookup } from "./routing-index.js";
import { selectSource } from "./source-select.js";

export { buildIndex, defaultRules, type RoutingIndex } from "./routing-index.js";

export interface LookupQuery {
  destination: string;
  source?: string;
  oif?: string;
  iif?: string;
  fwmark?: number;
}

export function ownerOf(index: RoutingIndex, address: string): NetInterface | null {
  const a = parseAddr(splitZone(address).address);
  return a ? (index.owners.get(formatAddr(unmapV4(a))) ?? null) : null;
}

const NO_ROUTE: LookupResult = {
  type: "no-route",
  route: null,
  interface: null,
  gateway: null,
  source: null,
  table: null,
};

function routeUsesCard(r: Route, card: string): boolean {
  if (r.interface === card) return true;
  return !!r.nexthops?.some((h) => h.interface === card);
}

export function lookup(index: RoutingIndex, q: LookupQuery): LookupResult {
  const parsed = parseAddr(splitZone(q.destination).address);
  if (!parsed) return NO_ROUTE;
  const dst = unmapV4(parsed);
  const srcParsed = q.source ? parseAddr(splitZone(q.source).address) : null;
  const src = srcParsed ? unmapV4(srcParsed) : null;
  const oif = q.oif;
  let hit: TableHit | null;
  let rule: number | undefined;
  if (index.os === "linux") {
    const outcome = runRules(index, dst, src, q);
    if (outcome.kind === "rule-action") {
      return { ...NO_ROUTE, type: outcome.type, rule: outcome.priority };
    }
    hit = outcome.hit;
    rule = outcome.priority;
    if (!hit && oif) {
      // The kernel assumes a destination is on-link when an oif was forced and no route fits.
      const card = index.interfaces.find((i) => i.name === oif);
      if (card) {
        const source = src ? formatAddr(src) : selectSource(index, card, dst, null, null);
        return { type: "unicast", route: null, interface: oif, gateway: null, source, table: null };
      }
    }
  } else {
    const accept = (r: Route) => !oif || routeUsesCard(r, oif) || r.type === "local";
    hit = tableLookup(index, "main", dst, accept);
  }
  if (!hit) return rule === undefined ? NO_ROUTE : { ...NO_ROUTE, rule };
  return describeHit(index, hit, dst, src, oif, rule);
}

function describeHit(
  index: RoutingIndex,
  hit: TableHit,
  dst: Addr,
  src: Addr | null,
  oif: string | undefined,
  rule: number | undefined,
): LookupResult {
  const r = hit.route;
  const base = { route: r, table: hit.table, ...(rule === undefined ? {} : { rule }) };
  if (r.type === "blackhole" || r.type === "unreachable" || r.type === "prohibit" || r.type === "throw") {
    return {
      ...base,
      type: r.type === "throw" ? "unreachable" : r.type,
      interface: null,
      gateway: null,
      source: null,
    };
  }
  if (r.type === "local") {
    const source = src ? formatAddr(src) : (r.prefsrc ?? formatAddr(dst));
    const card = index.os === "linux" ? "lo" : r.interface;
    return { ...base, type: "local", interface: card, gateway: null, source };
  }
  let hop = { gateway: r.gateway, interface: r.interface };
  if (r.nexthops && r.nexthops.length > 0) {
    const pick = (oif && r.nexthops.find((h) => h.interface === oif)) || r.nexthops[0];
    if (pick) hop = { gateway: pick.gateway, interface: pick.interface };
  }
  const card = index.interfaces.find((i) => i.name === hop.interface) ?? null;
  const source = src ? formatAddr(src) : selectSource(index, card, dst, hop.gateway, r.prefsrc ?? null);
  const multipath = r.nexthops && r.nexthops.length > 1 ? { multipath: r.nexthops } : {};
  return { ...base, type: r.type, interface: hop.interface, gateway: hop.gateway, source, ...multipath };
}
