// Plain-text `ip route` rows, one line at a time, so a dump of a million routes is
// parsed while it streams in and never held whole. Real rows:
//   default via 10.20.1.1 dev eth0 proto dhcp src 10.20.1.9 metric 100
//   local 10.20.1.9 dev eth0 table local proto kernel scope host src 10.20.1.9
//   10.50.0.0/16 proto static            (multipath: the hops follow on "nexthop" lines)
//   	nexthop via 10.9.0.5 dev va weight 1
// Repeated words (cards, gateways, protocols) are interned (see words.ts).
import { familyOf, formatPrefix, parsePrefix } from "../../core/ip.js";
import type { Family, NextHop, Route } from "../../core/model.js";
import type { ParsedRoutes } from "./parse-ip-route.js";
import { makeRoute, routeType } from "./route-fields.js";
import { gatewayOf, intern, words } from "./words.js";

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
  values: Record<string, string>;
  /** The via address was given with an explicit family word (`via inet6 fe80::1`). */
  viaForeign: boolean;
  unknown: string[];
}

function scan(tokens: string[], from: number): Scan {
  const values: Record<string, string> = {};
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
    values[t] = v;
    i++;
  }
  return { values, viaForeign, unknown };
}

function nexthop(tokens: string[]): NextHop {
  const { values } = scan(tokens, 1);
  const dev = values.dev;
  const hop: NextHop = { gateway: gatewayOf(values.via), interface: dev === undefined ? null : intern(dev) };
  const w = values.weight;
  if (w !== undefined && /^\d+$/.test(w)) hop.weight = Number(w);
  return hop;
}

const opt = (s: string | undefined) => (s === undefined ? undefined : intern(s));

/**
 * Feed lines in order; `onRoute` (optional) sees each route once it is complete,
 * i.e. when the next route starts (its nexthop lines read) or at `end()`.
 */
export class RouteLineParser {
  readonly routes: Route[] = [];
  readonly warnings: string[] = [];
  private last: Route | null = null;
  private n = 0;

  constructor(
    private readonly opts: RouteTextOptions = {},
    private readonly onRoute?: (r: Route) => void,
    /** false: do not keep the routes (the caller keeps what onRoute gives it). */
    private readonly keep = true,
  ) {}

  push(line: string): void {
    const n = ++this.n;
    const tokens = words(line);
    const head = tokens[0];
    if (head === undefined || head === "cache") return;
    if (head === "nexthop") {
      const last = this.last;
      if (last === null) this.warnings.push(`ip route line ${n}: nexthop without a route`);
      else {
        const hop = nexthop(tokens);
        last.nexthops = [...(last.nexthops ?? []), hop];
        if (last.nexthops.length === 1) {
          last.gateway = last.gateway ?? hop.gateway;
          last.interface = last.interface ?? hop.interface;
        }
      }
      return;
    }
    this.flush();
    const route = this.parse(tokens, line, n);
    if (route === null) return;
    this.last = route;
    if (this.keep) this.routes.push(route);
  }

  private parse(tokens: string[], line: string, n: number): Route | null {
    const head = tokens[0] as string;
    const typed = routeType(head);
    const dst = typed ? tokens[1] : head;
    if (dst === undefined) {
      this.warnings.push(`ip route line ${n}: not a route: ${line.trim()}`);
      return null;
    }
    const s = scan(tokens, typed ? 2 : 1);
    const v = s.values;
    // Parsed once: the destination decides the family unless it is "default".
    let p = dst === "default" ? null : parsePrefix(dst);
    const family = p ? p.addr.family : this.familyOf(dst, v, s.viaForeign);
    p ??= parsePrefix(dst, { family });
    if (p === null || p.addr.family !== family) {
      this.warnings.push(`ip route line ${n}: not a route: ${line.trim()}`);
      return null;
    }
    if (s.unknown.length > 0)
      this.warnings.push(`ip route line ${n}: ignored ${s.unknown.map((u) => `"${u}"`).join(" ")}`);
    const metric = v.metric;
    const destination = formatPrefix(p);
    // Reading a character flattens the concatenation: 40 bytes a route instead of about 100.
    destination.charCodeAt(0);
    const route = makeRoute({
      type: typed ?? "unicast",
      destination,
      family,
      gateway: gatewayOf(v.via),
      interface: v.dev === undefined ? null : intern(v.dev),
      metric: metric !== undefined && /^\d+$/.test(metric) ? Number(metric) : 0,
      table: intern(v.table ?? this.opts.table ?? "main"),
      prefsrc: v.src,
      protocol: opt(v.proto),
      scope: opt(v.scope),
    });
    if (route.prefsrc !== undefined) route.prefsrc = intern(route.prefsrc);
    return route;
  }

  /** The family: the destination's, else the command's -4/-6, else a `pref` (IPv6 only), via or src. */
  private familyOf(dst: string, v: Record<string, string>, viaForeign: boolean): Family {
    if (dst !== "default") {
      const f = familyOf(dst);
      if (f) return f;
    }
    const hint = this.opts.family ?? (v.pref !== undefined ? 6 : undefined);
    if (hint) return hint;
    for (const o of [viaForeign ? undefined : v.via, v.src]) {
      const f = o === undefined ? null : familyOf(o);
      if (f) return f;
    }
    return 4;
  }

  /** Hands the last route to onRoute: call when no more nexthop lines can follow. */
  flush(): void {
    if (this.last !== null && this.onRoute) this.onRoute(this.last);
    this.last = null;
  }

  result(): ParsedRoutes {
    this.flush();
    return { routes: this.routes, warnings: this.warnings };
  }
}
