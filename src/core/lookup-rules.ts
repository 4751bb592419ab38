// Linux policy routing: `ip rule` evaluated in priority order, as fib_rules.c does.
import { type Addr, type Prefix, prefixContains } from "./ip.js";
import type { Route } from "./model.js";
import { type CompiledRule, type RoutingIndex, type TableHit, tableLookup } from "./routing-index.js";

export interface LookupQuery {
  destination: string;
  source?: string;
  oif?: string;
  iif?: string;
  fwmark?: number;
  /** As `ip route get … ipproto tcp sport N dport M`; absent means 0, as in the kernel's flow key. */
  ipproto?: number;
  sport?: number;
  dport?: number;
}

type RulesOutcome =
  | { kind: "rule-action"; type: "blackhole" | "unreachable" | "prohibit"; priority: number }
  | { kind: "table"; hit: TableHit | null; priority?: number };

const within = (p: Prefix | null, a: Addr) => p === null || prefixContains(p, a);
const inRange = (r: [number, number] | undefined, n: number) => r === undefined || (n >= r[0] && n <= r[1]);

function selectorsMatch(c: CompiledRule, dst: Addr, src: Addr, q: LookupQuery): boolean {
  const rule = c.rule;
  // Locally generated traffic enters the rules with iif lo, so `iif lo` matches it.
  const iif = q.iif ?? "lo";
  const mark = q.fwmark ?? 0;
  const m =
    within(c.from, src) &&
    within(c.to, dst) &&
    (rule.iif === undefined || rule.iif === iif) &&
    (rule.oif === undefined || rule.oif === q.oif) &&
    (rule.fwmark === undefined || ((rule.fwmark ^ mark) & (rule.fwmask ?? 0xffffffff)) === 0) &&
    (rule.ipproto === undefined || rule.ipproto === (q.ipproto ?? 0)) &&
    inRange(rule.sport, q.sport ?? 0) &&
    inRange(rule.dport, q.dport ?? 0);
  return rule.not ? !m : m;
}

function acceptFor(oif: string | undefined): ((r: Route) => boolean) | null {
  if (!oif) return null;
  return (r) => r.interface === null || r.interface === oif || !!r.nexthops?.some((h) => h.interface === oif);
}

export function runRules(index: RoutingIndex, dst: Addr, src: Addr | null, q: LookupQuery): RulesOutcome {
  // Without a chosen source the kernel looks up with saddr 0.0.0.0 (or ::).
  const from: Addr = src ?? (dst.family === 4 ? { family: 4, v: 0 } : { family: 6, v: 0n });
  const rules = index.compiledRules[dst.family];
  const accept = acceptFor(q.oif);
  let last: number | undefined;
  for (let i = 0; i < rules.length; i++) {
    const c = rules[i] as CompiledRule;
    const rule = c.rule;
    if (!selectorsMatch(c, dst, from, q)) continue;
    switch (rule.action) {
      case "blackhole":
      case "unreachable":
      case "prohibit":
        return { kind: "rule-action", type: rule.action, priority: rule.priority };
      case "nop":
        continue;
      case "goto": {
        const target = rules.findIndex((r) => r.rule.priority === rule.goto);
        // An unresolved goto is skipped, as the kernel does.
        if (target > i) i = target - 1;
        continue;
      }
      case "lookup": {
        last = rule.priority;
        const hit = tableLookup(index, rule.table ?? "main", dst, accept);
        if (!hit || hit.route.type === "throw") continue;
        if (rule.suppressPrefixlength !== undefined && hit.len <= rule.suppressPrefixlength) continue;
        return { kind: "table", hit, priority: rule.priority };
      }
    }
  }
  return { kind: "table", hit: null, ...(last === undefined ? {} : { priority: last }) };
}
