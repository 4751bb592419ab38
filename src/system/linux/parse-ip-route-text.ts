// Plain-text `ip route`, `ip -6 route`, `ip route show table all|<name>` → Route[],
// for `dualhome analyze` of files saved on another machine. Real rows:
//   default via 10.20.1.1 dev eth0 proto dhcp src 10.20.1.9 metric 100
//   local 10.20.1.9 dev eth0 table local proto kernel scope host src 10.20.1.9
//    10.0.0.0/24 dev eth3  proto kernel  scope link  src 10.0.0.2      (old iproute2: double spaces, indent)
//   10.50.0.0/16 proto static            (multipath: the hops follow on "nexthop" lines)
//   	nexthop via 10.9.0.5 dev va weight 1
import { type ParsedRoutes, parseIpRouteJson } from "./parse-ip-route.js";
import { RouteLineParser, type RouteTextOptions } from "./route-lines.js";

export type { RouteTextOptions };

export function parseIpRouteText(text: string, opts: RouteTextOptions = {}): ParsedRoutes {
  const parser = new RouteLineParser(opts);
  for (const line of text.split(/\r?\n/)) parser.push(line);
  return parser.result();
}

/** A saved route table in either form: `ip -json route …` or plain `ip route …`. */
export function parseIpRouteSaved(text: string, opts: RouteTextOptions = {}): ParsedRoutes {
  return text.trimStart().startsWith("[")
    ? parseIpRouteJson(text, opts.family, opts.table)
    : parseIpRouteText(text, opts);
}
