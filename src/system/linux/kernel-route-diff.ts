// Two kernel routes compared field by field, and said for people: what a revert
// checks before it touches the table, and the one line it reports when the table
// holds another route than the one journaled ("changed since: not reverted: …").
import type { KernelHop, KernelRoute } from "../parts/exact-route.js";

function hopText(h: KernelHop): string {
  const parts = [
    h.gateway ? `via ${h.gateway}` : "",
    h.dev ? `dev ${h.dev}` : "",
    h.weight ? `weight ${h.weight}` : "",
  ];
  return [...parts, h.onlink ? "onlink" : ""].filter(Boolean).join(" ");
}

/** The route for people, each field spelled: "10.0.0.0/8 via 192.168.1.254 dev eth1 metric 0 proto boot table main". */
export function describeKernelRoute(r: KernelRoute): string {
  const hops = r.multipath ? r.hops.map((h) => `nexthop ${hopText(h)}`).join(" ") : hopText(r.hops[0] ?? {});
  const extra = [r.prefsrc ? `src ${r.prefsrc}` : "", r.pref ? `pref ${r.pref}` : ""];
  for (const [k, v] of Object.entries(r.metrics ?? {})) extra.push(`${k} ${v}`);
  return [
    r.dst,
    hops,
    `metric ${r.metric}`,
    `proto ${r.protocol}`,
    `scope ${r.scope}`,
    `table ${r.table}`,
    ...extra,
  ]
    .filter(Boolean)
    .join(" ");
}

/** The fields where `now` differs from `was`, for one line ("metric 50 instead of 0; proto static instead of boot"). */
export function routeDiff(was: KernelRoute, now: KernelRoute): string[] {
  const out: string[] = [];
  const cmp = (name: string, a: unknown, b: unknown) => {
    const ta = a === undefined ? "none" : typeof a === "string" ? a : JSON.stringify(a);
    const tb = b === undefined ? "none" : typeof b === "string" ? b : JSON.stringify(b);
    if (ta !== tb) out.push(`${name} ${tb} instead of ${ta}`);
  };
  cmp("metric", was.metric, now.metric);
  cmp("proto", was.protocol, now.protocol);
  cmp("scope", was.scope, now.scope);
  cmp("table", was.table, now.table);
  cmp("src", was.prefsrc, now.prefsrc);
  cmp("pref", was.pref, now.pref);
  const sorted = (m?: Record<string, number>) => (m ? Object.entries(m).sort() : undefined);
  cmp("metrics", sorted(was.metrics), sorted(now.metrics));
  const hops = (r: KernelRoute) =>
    r.multipath ? r.hops.map((h) => `nexthop ${hopText(h)}`).join(" ") : hopText(r.hops[0] ?? {});
  if (hops(was) !== hops(now)) out.push(`${hops(now) || "no next hop"} instead of ${hops(was)}`);
  return out;
}

export function sameRoute(a: KernelRoute, b: KernelRoute): boolean {
  return a.dst === b.dst && routeDiff(a, b).length === 0;
}
