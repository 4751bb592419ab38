// The oracle: the same semantics as src/core/lookup.ts, by scanning every route.
// Slow on purpose; the property tests compare the trie against it and the bench
// prints how much faster the trie is.
import { type Addr, parseAddr, parsePrefix, prefixContains, splitZone, unmapV4 } from "../src/core/ip.js";
import { defaultRules, type LookupQuery } from "../src/core/lookup.js";
import type { OsKind, PolicyRule, Route } from "../src/core/model.js";

interface Hit {
  route: Route;
  len: number;
}

function scan(routes: readonly Route[], table: string | null, dst: Addr, oif?: string): Hit | null {
  let best: Hit | null = null;
  for (const r of routes) {
    if (table !== null && r.table !== table) continue;
    if (oif && r.interface !== null && r.interface !== oif && !r.nexthops?.some((h) => h.interface === oif))
      continue;
    const p = parsePrefix(r.destination, { family: r.family });
    if (!p || !prefixContains(p, dst)) continue;
    if (!best || p.len > best.len || (p.len === best.len && r.metric < best.route.metric))
      best = { route: r, len: p.len };
  }
  return best;
}

function inPrefix(spec: string | undefined, a: Addr): boolean {
  if (spec === undefined || spec === "all") return true;
  const p = parsePrefix(spec, { family: a.family });
  return !!p && prefixContains(p, a);
}

/** An absent port is 0 in the kernel's flow key; an absent range matches every port. */
function portIn(range: readonly [number, number] | undefined, port: number | undefined): boolean {
  if (!range) return true;
  const p = port ?? 0;
  return range[0] <= p && p <= range[1];
}

/** The route the OS would use (routes only; source and card selection are not the oracle's job). */
export function bruteForceRoute(
  os: OsKind,
  routes: readonly Route[],
  rules: readonly PolicyRule[],
  q: LookupQuery,
): { route: Route | null; type: string } {
  const parsed = parseAddr(splitZone(q.destination).address);
  if (!parsed) return { route: null, type: "no-route" };
  const dst = unmapV4(parsed);
  if (os !== "linux") {
    const candidates = routes.filter((r) => !q.oif || r.type === "local" || r.interface === q.oif);
    const hit = scan(candidates, null, dst);
    return hit ? { route: hit.route, type: hit.route.type } : { route: null, type: "no-route" };
  }
  const src = q.source ? parseAddr(q.source) : null;
  const from: Addr = src ?? (dst.family === 4 ? { family: 4, v: 0 } : { family: 6, v: 0n });
  const all = (rules.length ? [...rules] : defaultRules()).filter((r) => r.family === dst.family);
  all.sort((a, b) => a.priority - b.priority);
  for (let i = 0; i < all.length; i++) {
    const rule = all[i] as PolicyRule;
    let m =
      inPrefix(rule.from, from) &&
      inPrefix(rule.to, dst) &&
      (rule.iif === undefined || rule.iif === (q.iif ?? "lo")) &&
      (rule.oif === undefined || rule.oif === q.oif) &&
      (rule.fwmark === undefined || ((rule.fwmark ^ (q.fwmark ?? 0)) & (rule.fwmask ?? 0xffffffff)) === 0) &&
      (rule.ipproto === undefined || rule.ipproto === (q.ipproto ?? 0)) &&
      portIn(rule.sport, q.sport) &&
      portIn(rule.dport, q.dport);
    if (rule.not) m = !m;
    if (!m) continue;
    if (rule.action === "blackhole" || rule.action === "unreachable" || rule.action === "prohibit")
      return { route: null, type: rule.action };
    if (rule.action === "goto") {
      const t = all.findIndex((r) => r.priority === rule.goto);
      if (t > i) i = t - 1;
      continue;
    }
    if (rule.action !== "lookup") continue;
    const hit = scan(routes, rule.table ?? "main", dst, q.oif);
    if (!hit || hit.route.type === "throw") continue;
    if (rule.suppressPrefixlength !== undefined && hit.len <= rule.suppressPrefixlength) continue;
    return { route: hit.route, type: hit.route.type };
  }
  return { route: null, type: "no-route" };
}
