// `netsh interface ipv4|ipv6 show route`: the one Windows table that prints a route's
// card as its index and its own metric (route print shows an address and the sum of
// route and card metrics). A revert reads it to check that exactly the route dualhome
// added is still there. Only the columns' order is relied on: the header and the
// Publish/Type words are translated on localized Windows.
//   Publish  Type      Met  Prefix                    Idx  Gateway/Interface Name
//   No       Manual    0    0.0.0.0/0                  16  192.168.1.1
//   No       System    256  192.168.1.0/24             16  Wi-Fi
import { normalizeAddr, normalizePrefix } from "../../core/ip.js";
import type { Family } from "../../core/model.js";

export interface NetshRoute {
  destination: string;
  /** null: on-link (netsh prints the card's name in that column). */
  gateway: string | null;
  ifIndex: number;
  /** The route's own metric, without the card's. */
  metric: number;
}

export function netshRouteArgv(family: Family): string[] {
  return ["netsh", "interface", family === 4 ? "ipv4" : "ipv6", "show", "route"];
}

const ROW = /^\s*\S+\s+\S+\s+(\d{1,10})\s+(\S+\/\d{1,3})\s+(\d{1,10})\s+(\S.*?)\s*$/;
const UNSPECIFIED = new Set(["0.0.0.0", "::"]);

/** The rows of the table; a line that is not a route (header, rule, blank) is skipped. */
export function parseNetshRoutes(text: string): NetshRoute[] {
  const out: NetshRoute[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = ROW.exec(line);
    if (!m) continue;
    const destination = normalizePrefix(m[2] as string);
    if (destination === null) continue;
    const hop = normalizeAddr(m[4] as string);
    out.push({
      destination,
      gateway: hop === null || UNSPECIFIED.has(hop) ? null : hop,
      ifIndex: Number(m[3]),
      metric: Number(m[1]),
    });
  }
  return out;
}
