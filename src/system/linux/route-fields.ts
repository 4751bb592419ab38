// Field rules shared by the JSON and the text route parsers, so both forms of
// the same table turn into identical Route objects.
import { familyOf, normalizeAddr, normalizePrefix } from "../../core/ip.js";
import type { Family, Route, RouteType } from "../../core/model.js";

const TYPES: readonly RouteType[] = [
  "unicast",
  "local",
  "broadcast",
  "multicast",
  "anycast",
  "blackhole",
  "unreachable",
  "prohibit",
  "throw",
  "nat",
];

/**
 * A route type as `ip route` prints it. "none" is RTN_UNSPEC: WSL 1 prints every
 * route so ("none default via 10.0.0.1 dev eth0 proto unspec metric 0") and they
 * carry its traffic, so they are read as unicast.
 */
export function routeType(s: string): RouteType | null {
  if (s === "none") return "unicast";
  return (TYPES as readonly string[]).includes(s) ? (s as RouteType) : null;
}

/**
 * The family of a route: its destination, else the caller's hint (the -4/-6 the
 * command ran with), else its gateway or source address.
 */
export function routeFamily(dst: string, hint: Family | undefined, others: (string | undefined)[]): Family {
  if (dst !== "default") {
    const f = familyOf(dst);
    if (f) return f;
  }
  if (hint) return hint;
  for (const o of others) {
    const f = o === undefined ? null : familyOf(o);
    if (f) return f;
  }
  return 4;
}

/** "default" → "0.0.0.0/0" / "::/0"; a bare address → a host prefix. */
export function routeDestination(dst: string, family: Family): string | null {
  const p = normalizePrefix(dst, family);
  return p !== null && familyOf(p) === family ? p : null;
}

export function gatewayText(s: string | undefined): string | null {
  return s === undefined ? null : normalizeAddr(s);
}

interface RouteFields {
  type: RouteType;
  destination: string;
  family: Family;
  gateway: string | null;
  interface: string | null;
  metric: number;
  table: string;
  prefsrc?: string | undefined;
  protocol?: string | undefined;
  scope?: string | undefined;
}

export function makeRoute(f: RouteFields): Route {
  const persistent = f.protocol === "kernel";
  const src = f.prefsrc === undefined ? null : normalizeAddr(f.prefsrc);
  // One literal per common shape: properties added after the literal would live in
  // a separate backing store, about 40 bytes more a route at a million routes.
  // Kernel routes come back with their address after a reboot; the rest needs a config file we do not read here.
  let r: Route;
  if (src === null && f.scope === undefined && f.protocol !== undefined)
    r = {
      destination: f.destination,
      family: f.family,
      gateway: f.gateway,
      interface: f.interface,
      metric: f.metric,
      table: f.table,
      type: f.type,
      persistent,
      protocol: f.protocol,
    };
  else if (src !== null && f.scope !== undefined && f.protocol !== undefined)
    r = {
      destination: f.destination,
      family: f.family,
      gateway: f.gateway,
      interface: f.interface,
      metric: f.metric,
      table: f.table,
      type: f.type,
      persistent,
      prefsrc: src,
      protocol: f.protocol,
      scope: f.scope,
    };
  else {
    r = {
      destination: f.destination,
      family: f.family,
      gateway: f.gateway,
      interface: f.interface,
      metric: f.metric,
      table: f.table,
      type: f.type,
      persistent,
    };
    if (src !== null) r.prefsrc = src;
    if (f.protocol !== undefined) r.protocol = f.protocol;
    if (f.scope !== undefined) r.scope = f.scope;
  }
  return r;
}
