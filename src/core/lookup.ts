// "Which way does this destination go": the route engine, per OS semantics.
import { type Addr, formatAddr, parseAddr, splitZone, unmapV4 } from "./ip.js";
import { type LookupQuery, runRules } from "./lookup-rules.js";
import type { LookupResult, NetInterface, Route } from "./model.js";
import { type RoutingIndex, type TableHit, tableLookup } from "./routing-index.js";
import { selectSource } from "./source-select.js";

export type { LookupQuery } from "./lookup-rules.js";
export { buildIndex, defaultRules, type RoutingIndex } from "./routing-index.js";

/** Per index: local address text → its card. A host has few local addresses and many flows. */
const owned = new WeakMap<RoutingIndex, Map<string, NetInterface | null>>();

export function ownerOf(index: RoutingIndex, address: string): NetInterface | null {
  return ownerFinder(index)(address);
}

/** ownerOf for many addresses against one index (a rule walking every flow). */
export function ownerFinder(index: RoutingIndex): (address: string) => NetInterface | null {
  let memo = owned.get(index);
  if (!memo) {
    memo = new Map();
    owned.set(index, memo);
  }
  const m = memo;
  return (address) => {
    const known = m.get(address);
    if (known !== undefined) return known;
    const a = parseAddr(address.includes("%") ? splitZone(address).address : address);
    const owner = a ? (index.owners.get(formatAddr(unmapV4(a))) ?? null) : null;
    if (m.size < 4096) m.set(address, owner);
    return owner;
  };
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
  const parsed = parseAddr(q.destination.includes("%") ? splitZone(q.destination).address : q.destination);
  if (!parsed) return NO_ROUTE;
  const dst = unmapV4(parsed);
  const srcParsed = q.source
    ? parseAddr(q.source.includes("%") ? splitZone(q.source).address : q.source)
    : null;
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
      if (index.cards.has(oif)) {
        const source = src ? formatAddr(src) : selectSource(index, oif, dst, null, null);
        return { type: "unicast", route: null, interface: oif, gateway: null, source, table: null };
      }
    }
  } else {
    const accept = oif ? (r: Route) => routeUsesCard(r, oif) || r.type === "local" : null;
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
  // One fixed object shape: this runs for every flow on every route change.
  const res: LookupResult = {
    type: r.type,
    route: r,
    interface: null,
    gateway: null,
    source: null,
    table: hit.table,
  };
  if (rule !== undefined) res.rule = rule;
  switch (r.type) {
    case "blackhole":
    case "unreachable":
    case "prohibit":
      return res;
    case "throw":
      res.type = "unreachable";
      return res;
    case "local":
      res.interface = index.os === "linux" ? "lo" : r.interface;
      res.source = src ? formatAddr(src) : (r.prefsrc ?? formatAddr(dst));
      return res;
  }
  let gateway = r.gateway;
  let card = r.interface;
  if (r.nexthops && r.nexthops.length > 0) {
    const pick = (oif && r.nexthops.find((h) => h.interface === oif)) || r.nexthops[0];
    if (pick) {
      gateway = pick.gateway;
      card = pick.interface;
    }
    if (r.nexthops.length > 1) res.multipath = r.nexthops;
  }
  res.interface = card;
  res.gateway = gateway;
  res.source = src ? formatAddr(src) : selectSource(index, card, dst, gateway, r.prefsrc ?? null);
  return res;
}
