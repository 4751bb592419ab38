// The live route table between full reads: monitor events applied to it,
// keeping every unchanged Route object, so the analysis recognises an unchanged
// table by identity and a changed one by a cheap walk. Pure: no I/O.

import type { Route } from "../../core/model.js";
import { sameRoute } from "../../core/routes-diff.js";
import { sameItems } from "../../core/same-data.js";
import type { RouteEvent } from "./monitor-events.js";

/** What the kernel identifies a route by: table, prefix and metric (tos is not modelled). */
function routeKey(r: Route): string {
  return `${r.family} ${r.table} ${r.destination} ${r.metric}`;
}

/** A delete names the route it removed; type, gateway and card tell apart routes with one key. */
function deletes(event: Route, r: Route): boolean {
  return r.type === event.type && r.gateway === event.gateway && r.interface === event.interface;
}

interface Touched {
  base: Route[];
  list: Route[];
  emitted: boolean;
}

/**
 * The table after the events, in order; null when they changed nothing. An add
 * whose key exists replaces that route (what `ip route replace` and routing
 * daemons do; the rarer `ip route append` twin is set right by the next re-read).
 */
export function applyRouteEvents(routes: readonly Route[], events: readonly RouteEvent[]): Route[] | null {
  if (events.length === 0) return null;
  const touched = new Map<string, Touched>();
  const destinations = new Set<string>();
  for (const e of events) {
    destinations.add(e.route.destination);
    const k = routeKey(e.route);
    if (!touched.has(k)) touched.set(k, { base: [], list: [], emitted: false });
  }
  for (const r of routes) {
    if (!destinations.has(r.destination)) continue;
    touched.get(routeKey(r))?.base.push(r);
  }
  for (const t of touched.values()) t.list = t.base.slice();
  for (const e of events) {
    const t = touched.get(routeKey(e.route)) as Touched;
    if (e.deleted) {
      const at = t.list.findIndex((r) => deletes(e.route, r));
      if (at >= 0) t.list.splice(at, 1);
    } else if (!t.list.some((r) => sameRoute(r, e.route))) {
      if (t.list.length > 0) t.list[0] = e.route;
      else t.list.push(e.route);
    }
  }
  if ([...touched.values()].every((t) => sameItems(t.base, t.list))) return null;
  const out: Route[] = [];
  for (const r of routes) {
    if (!destinations.has(r.destination)) {
      out.push(r);
      continue;
    }
    const t = touched.get(routeKey(r));
    if (!t) out.push(r);
    else if (!t.emitted) {
      t.emitted = true;
      for (const x of t.list) out.push(x);
    }
  }
  for (const t of touched.values()) if (!t.emitted) for (const x of t.list) out.push(x);
  return out;
}
