// Plain-text `ip route`, `ip -6 route`, `ip route show table all|<name>` → Route[],
// for `dualhome analyze` of files saved on another machine. Real rows:
//   default via 10.20.1.1 dev eth0 proto dhcp src 10.20.1.9 metric 100
//   local 10.20.1.9 dev eth0 table local proto kernel scope host src 10.20.1.9
//    10.0.0.0/24 dev eth3  proto kernel  scope link  src 10.0.0.2      (old iproute2: double spaces, indent)
//   10.50.0.0/16 proto static            (multipath: the hops follow on "nexthop" lines)
//   	nexthop via 10.9.0.5 dev va weight 1
import type { Family, NextHop, Route } from "../../core/model.js";
import { type ParsedRoutes, parseIpRouteJson } from "./parse-ip-route.js";
import { gatewayText, makeRoute, routeDestination, routeFamily, routeType } from "./route-fields.js";

export interface RouteTextOptions {
  /** -4/-6 the command ran with; a file holding both families may omit it. */
  family?: Family;
  /** For `ip route show table X`, which does not print "table X" on its rows. */
  table?: string;
}

/** Keywords followed by one value that we keep or may safely ignore. */
// biome-ignore format: a word list reads better dense
const VALUED = new Set([
  "via", "dev", "src", "table", "proto", "scope", "metric", "tos", "dsfield", "pref", "expires", "mtu",
  "advmss", "hoplimit", "rtt", "rttvar", "reordering", "window", "cwnd", "initcwnd", "initrwnd", "ssthresh",
  "realms", "quickack", "congctl", "features", "fastopen_no_cookie", "rto_min", "error", "nhid", "weight",
  "uid", "iif", "from", "ttl-propagate",
]);

// biome-ignore format: a word list reads better dense
const FLAGS = new Set([
  "onlink", "linkdown", "pervasive", "offload", "dead", "notify", "trap", "rt_offload", "rt_trap",
  "rt_offload_failed", "unresolved", "cache",
]);

interface Scan {
  values: Map<string, string>;
  /** The via address was given with an explicit family word (`via inet6 fe80::1`). */
  viaForeign: boolean;
  unknown: string[];
}

function scan(tokens: string[], from: number): Scan {
  const values = new Map<string, string>();
  const unknown: string[] = [];
  let viaForeign = false;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (FLAGS.has(t)) continue;
    if (!VALUED.has(t)) {
      unknown.push(t);
      continue;
    }
    let v = tokens[i + 1];
    if (t === "via" && (v === "inet" || v === "inet6")) {
      viaForeign = true;
      v = tokens[++i + 1];
    }
    if ((t === "mtu" || t === "congctl" || t === "rtt" || t === "window") && v === "lock")
      v = tokens[++i + 1];
    if (v === undefined) {
      unknown.push(t);
      break;
    }
    values.set(t, v);
    i++;
  }
  return { values, viaForeign, unknown };
}

function nexthop(tokens: string[]): NextHop {
  const { values } = scan(tokens, 1);
  const hop: NextHop = { gateway: gatewayText(values.get("via")), interface: values.get("dev") ?? null };
  const w = values.get("weight");
  if (w !== undefined && /^\d+$/.test(w)) hop.weight = Number(w);
  return hop;
}

export function parseIpRouteText(text: string, opts: RouteTextOptions = {}): ParsedRoutes {
  const routes: Route[] = [];
  const warnings: string[] = [];
  let last: Route | null = null;
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const tokens = (lines[n] as string).trim().split(/\s+/).filter(Boolean);
    const head = tokens[0];
    if (head === undefined || head === "cache") continue;
    if (head === "nexthop") {
      if (last === null) warnings.push(`ip route line ${n + 1}: nexthop without a route`);
      else {
        const hop = nexthop(tokens);
        last.nexthops = [...(last.nexthops ?? []), hop];
        if (last.nexthops.length === 1) {
          last.gateway = last.gateway ?? hop.gateway;
          last.interface = last.interface ?? hop.interface;
        }
      }
      continue;
    }
    last = null;
    const typed = routeType(head);
    const dst = typed ? tokens[1] : head;
    if (dst === undefined || (head === "nat" && !typed)) {
      warnings.push(`ip route line ${n + 1}: not a route: ${lines[n]?.trim()}`);
      continue;
    }
    const s = scan(tokens, typed ? 2 : 1);
    const via = s.values.get("via");
    const hint = opts.family ?? (s.values.has("pref") ? 6 : undefined);
    const family = routeFamily(dst, hint, [s.viaForeign ? undefined : via, s.values.get("src")]);
    const destination = routeDestination(dst, family);
    if (destination === null) {
      warnings.push(`ip route line ${n + 1}: not a route: ${lines[n]?.trim()}`);
      continue;
    }
    if (s.unknown.length > 0)
      warnings.push(`ip route line ${n + 1}: ignored ${s.unknown.map((u) => `"${u}"`).join(" ")}`);
    const metric = s.values.get("metric");
    last = makeRoute({
      type: typed ?? "unicast",
      destination,
      family,
      gateway: gatewayText(via),
      interface: s.values.get("dev") ?? null,
      metric: metric !== undefined && /^\d+$/.test(metric) ? Number(metric) : 0,
      table: s.values.get("table") ?? opts.table ?? "main",
      prefsrc: s.values.get("src"),
      protocol: s.values.get("proto"),
      scope: s.values.get("scope"),
    });
    routes.push(last);
  }
  return { routes, warnings };
}

/** A saved route table in either form: `ip -json route …` or plain `ip route …`. */
export function parseIpRouteSaved(text: string, opts: RouteTextOptions = {}): ParsedRoutes {
  return text.trimStart().startsWith("[")
    ? parseIpRouteJson(text, opts.family, opts.table)
    : parseIpRouteText(text, opts);
}
