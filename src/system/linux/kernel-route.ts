// A route as the kernel reported it (`ip -json route show table T exact P`), in a
// typed record the journal keeps: what a revert rebuilds its argv from and what it
// compares against the table before touching anything. A real row:
// {"dst":"10.1.0.0/16","gateway":"192.0.2.254","dev":"va","protocol":"static","prefsrc":"192.0.2.1","metric":7,"flags":[],"metrics":[{"mtu":1400}]}
// iproute2 leaves out defaults (proto boot, scope universe, metric 0, table main), so
// the record spells every one of them: two records are the same route when equal.
import { formatAddr, formatPrefix, parseAddr, parsePrefix } from "../../core/ip.js";
import type { KernelHop, KernelRoute } from "../parts/exact-route.js";
import { isObject, type JsonObject } from "./json-input.js";

const TOP_KEYS = new Set(["type", "dst", "gateway", "dev", "table", "protocol", "scope", "prefsrc"]);
for (const k of ["metric", "flags", "metrics", "nexthops", "pref"]) TOP_KEYS.add(k);
const HOP_KEYS = new Set(["gateway", "dev", "weight", "flags"]);
/** Flags that say how a route is doing, not how it was made: never restored, never compared. */
const STATUS_FLAGS = new Set([
  "linkdown",
  "dead",
  "offload",
  "trap",
  "rt_offload",
  "rt_trap",
  "rt_offload_failed",
]);
const METRICS = new Set(["mtu", "advmss", "window", "hoplimit", "initcwnd", "initrwnd", "reordering"]);
// Linux dev_valid_name: at most 15 bytes, no '/', ':' or white space; here no control bytes either.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const IFNAME = /^[^\s/:\x00-\x1f\x7f]{1,15}$/;
const WORD = /^(?:[a-z][a-z0-9_-]{0,31}|\d{1,3})$/;
const TABLE = /^(?:main|default|[1-9]\d{0,9}|[A-Za-z][A-Za-z0-9_.-]{0,31})$/;
const SCOPES = new Set(["global", "link", "host", "site", "nowhere"]);

export function validIfName(name: string): boolean {
  return IFNAME.test(name) && name !== "." && name !== "..";
}

function canonAddr(s: string | undefined, family: 4 | 6): string | null {
  const a = s === undefined ? null : parseAddr(s);
  return a && a.family === family ? formatAddr(a) : null;
}

/** Why a record (from the kernel or from the journal) must not become an argv; null when every value is sound. */
export function routeProblem(r: KernelRoute): string | null {
  const p = parsePrefix(r.dst, { strict: true });
  if (!p || p.addr.family !== r.family || formatPrefix(p) !== r.dst)
    return `destination "${r.dst}" is not a prefix`;
  if (!TABLE.test(r.table) || r.table === "local") return `table "${r.table}" is not a table for routes`;
  if (!WORD.test(r.protocol)) return `protocol "${r.protocol}" is not a protocol name`;
  if (!SCOPES.has(r.scope)) return `scope "${r.scope}" is not a scope`;
  if (!Number.isInteger(r.metric) || r.metric < 0 || r.metric > 4294967295)
    return `metric ${r.metric} is out of range`;
  if (r.prefsrc !== undefined && canonAddr(r.prefsrc, r.family) !== r.prefsrc)
    return `src "${r.prefsrc}" is not an address`;
  if (r.pref !== undefined && !["low", "medium", "high"].includes(r.pref))
    return `pref "${r.pref}" is not a preference`;
  for (const [k, v] of Object.entries(r.metrics ?? {}))
    if (!METRICS.has(k) || !Number.isInteger(v) || v < 0 || v > 4294967295)
      return `${k} ${v} cannot be restored`;
  if (!r.multipath && r.hops.length !== 1) return "a plain route has one next hop";
  for (const h of r.hops) {
    if (h.gateway !== undefined && canonAddr(h.gateway, r.family) !== h.gateway)
      return `gateway "${h.gateway}" is not an address`;
    if (h.dev !== undefined && !validIfName(h.dev)) return `card name "${h.dev}" is not a card name`;
    if (h.gateway === undefined && h.dev === undefined) return "a next hop has neither gateway nor card";
    if (h.weight !== undefined && (!Number.isInteger(h.weight) || h.weight < 1 || h.weight > 256))
      return `weight ${h.weight} is out of range`;
    if (h.weight !== undefined && !r.multipath) return "a plain route has no weight";
  }
  return null;
}

function flagsOf(o: JsonObject, where: string): { onlink: boolean } | string {
  const flags = o.flags === undefined ? [] : o.flags;
  if (!Array.isArray(flags)) return `${where}flags are not a list`;
  let onlink = false;
  for (const f of flags) {
    if (f === "onlink") onlink = true;
    else if (typeof f !== "string" || !STATUS_FLAGS.has(f))
      return `${where}flag ${JSON.stringify(f)} cannot be restored`;
  }
  return { onlink };
}

function hopOf(o: JsonObject, family: 4 | 6, keys: Set<string>, where: string): KernelHop | string {
  for (const k of Object.keys(o)) if (!keys.has(k)) return `${where}"${k}" cannot be restored by dualhome`;
  const f = flagsOf(o, where);
  if (typeof f === "string") return f;
  const h: KernelHop = {};
  if (o.gateway !== undefined) h.gateway = canonAddr(String(o.gateway), family) ?? String(o.gateway);
  if (o.dev !== undefined) h.dev = String(o.dev);
  if (typeof o.weight === "number") h.weight = o.weight;
  if (f.onlink) h.onlink = true;
  return h;
}

/** A route of `ip -json route show table <table> …` as a record, or why it cannot be restored faithfully. */
export function kernelRouteOf(o: unknown, family: 4 | 6, table: string): KernelRoute | string {
  if (!isObject(o)) return "the kernel's answer is not a route";
  for (const k of Object.keys(o)) if (!TOP_KEYS.has(k)) return `its "${k}" cannot be restored by dualhome`;
  if ((o.type ?? "unicast") !== "unicast") return `it is a ${String(o.type)} route`;
  const dstText = String(o.dst ?? "");
  const dst =
    dstText === "default"
      ? family === 4
        ? "0.0.0.0/0"
        : "::/0"
      : dstText.includes("/")
        ? dstText
        : `${dstText}/${family === 4 ? 32 : 128}`;
  const p = parsePrefix(dst, { strict: true });
  const r: KernelRoute = {
    family,
    dst: p ? formatPrefix(p) : dst,
    table: typeof o.table === "string" ? o.table : table,
    protocol: typeof o.protocol === "string" ? o.protocol : "boot",
    scope: typeof o.scope === "string" ? (o.scope === "universe" ? "global" : o.scope) : "global",
    metric: typeof o.metric === "number" ? o.metric : 0,
    hops: [],
    multipath: Array.isArray(o.nexthops),
  };
  if (typeof o.prefsrc === "string") r.prefsrc = canonAddr(o.prefsrc, family) ?? o.prefsrc;
  if (typeof o.pref === "string") r.pref = o.pref;
  if (o.metrics !== undefined) {
    const m: Record<string, number> = {};
    for (const item of Array.isArray(o.metrics) ? o.metrics : [o.metrics]) {
      if (!isObject(item)) return "its metrics cannot be restored by dualhome";
      for (const [k, v] of Object.entries(item)) {
        if (typeof v !== "number") return `its ${k} (locked or not a number) cannot be restored by dualhome`;
        m[k] = v;
      }
    }
    if (Object.keys(m).length > 0) r.metrics = m;
  }
  if (Array.isArray(o.nexthops)) {
    const top = flagsOf(o, "");
    if (typeof top === "string") return top;
    for (const [i, n] of o.nexthops.entries()) {
      const h = isObject(n)
        ? hopOf(n, family, HOP_KEYS, `next hop ${i + 1}: `)
        : "a next hop is not an object";
      if (typeof h === "string") return h;
      r.hops.push(h);
    }
    if (r.hops.length === 0) return "it has an empty list of next hops";
  } else {
    const top: JsonObject = {};
    for (const k of ["gateway", "dev", "flags"]) if (o[k] !== undefined) top[k] = o[k];
    const h = hopOf(top, family, HOP_KEYS, "");
    if (typeof h === "string") return h;
    r.hops.push(h);
  }
  return routeProblem(r) ?? r;
}
