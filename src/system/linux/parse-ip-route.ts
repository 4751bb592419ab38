// `ip -4 -json route show table all` / `ip -6 -json route show table all` → Route[]. A real row:
// {"dst":"default","gateway":"192.168.0.1","dev":"wlp0s20f3","protocol":"dhcp","prefsrc":"192.168.0.18","metric":600,"flags":[]}
// Multipath (iproute2 6.1): {"dst":"10.50.0.0/16","flags":[],"nexthops":[{"gateway":"10.9.0.5","dev":"va","weight":1,"flags":[]},…]}
import type { Family, NextHop, Route } from "../../core/model.js";
import { brief, isObject, type JsonObject, num, readJsonArray, str } from "./json-input.js";
import { gatewayText, makeRoute, routeDestination, routeFamily, routeType } from "./route-fields.js";

export interface ParsedRoutes {
  routes: Route[];
  warnings: string[];
  /** Set when the output as a whole could not be read. */
  error?: string;
}

/** `gateway` or, for a route via another family (RFC 5549), `via.host`. */
function gatewayOf(o: JsonObject): string | undefined {
  const g = str(o, "gateway");
  if (g !== undefined) return g;
  return isObject(o.via) ? str(o.via, "host") : undefined;
}

function nexthopsOf(o: JsonObject): NextHop[] | undefined {
  if (!Array.isArray(o.nexthops)) return undefined;
  return o.nexthops.filter(isObject).map((h) => {
    const hop: NextHop = { gateway: gatewayText(gatewayOf(h)), interface: str(h, "dev") ?? null };
    const w = num(h, "weight");
    if (w !== undefined) hop.weight = w;
    return hop;
  });
}

function parseEntry(
  o: JsonObject,
  hint: Family | undefined,
  table: string,
  warnings: string[],
): Route | null {
  const type = routeType(str(o, "type") ?? "unicast");
  const dst = str(o, "dst");
  if (type === null || dst === undefined) {
    warnings.push(`ip route: ignored entry ${brief(o)}`);
    return null;
  }
  const hops = nexthopsOf(o);
  const first = hops?.[0];
  const gw = gatewayOf(o);
  // Only IPv6 routes carry a router preference: it settles "default" in a dump of both families.
  const guess = hint ?? (o.pref !== undefined ? 6 : undefined);
  const family = routeFamily(dst, guess, [str(o, "gateway"), str(o, "prefsrc"), first?.gateway ?? undefined]);
  const destination = routeDestination(dst, family);
  if (destination === null) {
    warnings.push(`ip route: destination "${dst}" is not a prefix: ${brief(o)}`);
    return null;
  }
  const route = makeRoute({
    type,
    destination,
    family,
    gateway: gatewayText(gw) ?? first?.gateway ?? null,
    interface: str(o, "dev") ?? first?.interface ?? null,
    metric: num(o, "metric") ?? 0,
    table: str(o, "table") ?? table,
    prefsrc: str(o, "prefsrc"),
    protocol: str(o, "protocol"),
    scope: str(o, "scope"),
  });
  if (hops && hops.length > 0) route.nexthops = hops;
  return route;
}

/**
 * `family` is the -4/-6 the command ran with; it decides what "default" means.
 * `table` is for `ip -json route show table X`, whose entries do not name X.
 */
export function parseIpRouteJson(text: string, family?: Family, table = "main"): ParsedRoutes {
  const { items, error } = readJsonArray(text, "ip -json route show");
  const warnings: string[] = [];
  const routes: Route[] = [];
  for (const item of items) {
    if (!isObject(item)) {
      warnings.push(`ip route: ignored entry ${brief(item)}`);
      continue;
    }
    const r = parseEntry(item, family, table, warnings);
    if (r) routes.push(r);
  }
  return error === undefined ? { routes, warnings } : { routes, warnings, error };
}
