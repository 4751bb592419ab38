// The routing tables as tries, built once per route change; a lookup walks at
// most 33 (IPv4) or 129 (IPv6) nodes and never scans the table. Everything a
// lookup needs (rules, card addresses) is parsed here once, not per lookup.
import { type Addr, formatAddr, type Prefix, parseAddr, parsePrefix } from "./ip.js";
import type { IfAddress, NetInterface, OsKind, PolicyRule, Route } from "./model.js";
import { PrefixTrie } from "./prefix-trie.js";

export interface TableHit {
  route: Route;
  len: number;
  table: string;
}

export interface CardAddress {
  info: IfAddress;
  addr: Addr;
  subnet: Prefix;
}

export interface CompiledRule {
  rule: PolicyRule;
  from: Prefix | null;
  to: Prefix | null;
}

export interface RoutingIndex {
  readonly os: OsKind;
  /** A flow may only leave by the card that owns its local address (Windows Vista/2008 and later). */
  readonly strongHost: boolean;
  readonly interfaces: readonly NetInterface[];
  readonly rules: readonly PolicyRule[];
  readonly compiledRules: { readonly 4: readonly CompiledRule[]; readonly 6: readonly CompiledRule[] };
  /** Tables by name, one trie per family. */
  readonly tables: ReadonlyMap<string, { v4: PrefixTrie<Route>; v6: PrefixTrie<Route> }>;
  readonly owners: ReadonlyMap<string, NetInterface>;
  readonly cards: ReadonlyMap<string, { iface: NetInterface; addresses: CardAddress[] }>;
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

function compileRule(rule: PolicyRule): CompiledRule {
  const p = (s: string | undefined) =>
    s === undefined || s === "all" ? null : parsePrefix(s, { family: rule.family });
  return { rule, from: p(rule.from), to: p(rule.to) };
}

export function buildIndex(
  os: OsKind,
  interfaces: NetInterface[],
  routes: Route[],
  rules: PolicyRule[] = [],
  hostModel?: "strong" | "weak",
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
  const cards = new Map<string, { iface: NetInterface; addresses: CardAddress[] }>();
  for (const i of interfaces) {
    const addresses: CardAddress[] = [];
    for (const a of i.addresses) {
      const addr = parseAddr(a.address);
      const subnet = parsePrefix(`${a.address}/${a.prefixLen}`);
      if (!addr || !subnet) continue;
      addresses.push({ info: a, addr, subnet });
      const key = formatAddr(addr);
      if (!owners.has(key)) owners.set(key, i);
    }
    cards.set(i.name, { iface: i, addresses });
  }
  const sorted = (os === "linux" && rules.length > 0 ? rules : defaultRules()).slice();
  sorted.sort((a, b) => a.priority - b.priority);
  const compiled = sorted.map(compileRule);
  const compiledRules = {
    4: compiled.filter((c) => c.rule.family === 4),
    6: compiled.filter((c) => c.rule.family === 6),
  };
  const strongHost = (hostModel ?? (os === "windows" ? "strong" : "weak")) === "strong";
  return { os, strongHost, interfaces, rules: sorted, compiledRules, tables, owners, cards };
}

/** Best route of one table for dst: longest prefix, then lowest metric, among routes passing `accept`. */
export function tableLookup(
  index: RoutingIndex,
  table: string,
  dst: Addr,
  accept: ((r: Route) => boolean) | null,
): TableHit | null {
  const t = index.tables.get(table);
  if (!t) return null;
  const hit = (dst.family === 4 ? t.v4 : t.v6).longest(dst, (values) => {
    let best: Route | null = null;
    for (const r of values) if ((!accept || accept(r)) && (!best || r.metric < best.metric)) best = r;
    return best;
  });
  return hit ? { route: hit.value, len: hit.len, table } : null;
}
