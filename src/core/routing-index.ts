// The routing tables as tries, built once per route change; a lookup walks at
// most 33 (IPv4) or 129 (IPv6) nodes and never scans the table.
import { type Addr, parsePrefix } from "./ip.js";
import type { NetInterface, OsKind, PolicyRule, Route } from "./model.js";
import { PrefixTrie } from "./prefix-trie.js";

export interface TableHit {
  route: Route;
  len: number;
  table: string;
}

export interface RoutingIndex {
  readonly os: OsKind;
  readonly interfaces: readonly NetInterface[];
  readonly rules: readonly PolicyRule[];
  /** Tables by name, one trie per family. */
  readonly tables: ReadonlyMap<string, { v4: PrefixTrie<Route>; v6: PrefixTrie<Route> }>;
  readonly owners: ReadonlyMap<string, NetInterface>;
}

/** The kernel's rules when `ip rule` gave none (or on OSes without rules). */
export function defaultRules(): PolicyRule[] {
  const base = (family: 4 | 6): PolicyRule[] => [
    { family, priority: 0, action: "lookup", table: "local" },
    { family, priority: 32766, action: "lookup", table: "main" },
    { family, priority: 32767, action: "lookup", table: "default" },
  ];
  return [...base(4), ...base(6)];
}

export function buildIndex(
  os: OsKind,
  interfaces: NetInterface[],
  routes: Route[],
  rules: PolicyRule[] = [],
): RoutingIndex {
  const tables = new Map<string, { v4: PrefixTrie<Route>; v6: PrefixTrie<Route> }>();
  const downCards = new Set(interfaces.filter((i) => !i.up).map((i) => i.name));
  for (const r of routes) {
    // Windows removes routes of a disconnected card from the forwarding table.
    if (os === "windows" && r.interface && downCards.has(r.interface)) continue;
    const p = parsePrefix(r.destination, { family: r.family });
    if (!p) continue;
    const table = os === "linux" ? r.table : "main";
    let t = tables.get(table);
    if (!t) {
      t = { v4: new PrefixTrie<Route>(4), v6: new PrefixTrie<Route>(6) };
      tables.set(table, t);
    }
    (p.addr.family === 4 ? t.v4 : t.v6).insert(p, r);
  }
  const owners = new Map<string, NetInterface>();
  for (const i of interfaces)
    for (const a of i.addresses) if (!owners.has(a.address)) owners.set(a.address, i);
  const sorted = (os === "linux" && rules.length > 0 ? rules : defaultRules()).slice();
  sorted.sort((a, b) => a.priority - b.priority);
  return { os, interfaces, rules: sorted, tables, owners };
}

/** Best route of one table for dst: longest prefix, then lowest metric, among routes passing `accept`. */
export function tableLookup(
  index: RoutingIndex,
  table: string,
  dst: Addr,
  accept: (r: Route) => boolean,
): TableHit | null {
  const t = index.tables.get(table);
  if (!t) return null;
  for (const m of (dst.family === 4 ? t.v4 : t.v6).matches(dst)) {
    let best: Route | null = null;
    for (const r of m.values) if (accept(r) && (!best || r.metric < best.metric)) best = r;
    if (best) return { route: best, len: m.len, table };
  }
  return null;
}
