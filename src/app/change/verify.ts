// After a change runs, the table is read again: the route must be there (or be
// gone), and when it is not, the message says exactly what the table holds instead.
import { errorText } from "../../core/errors.js";
import type { OsKind, Part, Route, RouteChange } from "../../core/model.js";
import { inTable } from "../../core/plan.js";
import type { Platform } from "../../system/platform.js";

export function describeRoute(r: Pick<Route, "destination" | "gateway" | "interface" | "metric">): string {
  const via = r.gateway ? ` via ${r.gateway}` : " on-link";
  return `${r.destination}${via}${r.interface ? ` dev ${r.interface}` : ""} metric ${r.metric}`;
}

function wanted(c: RouteChange): string {
  const via = c.gateway ? ` via ${c.gateway}` : "";
  const dev = c.interface ? ` dev ${c.interface}` : "";
  const table = c.table ? ` table ${c.table}` : "";
  return `${c.destination}${via}${dev}${c.metric !== undefined ? ` metric ${c.metric}` : ""}${table}`;
}

/** Routes of the change's table that are this change's route. Windows metrics are sums: not compared. */
export function matchingRoutes(routes: readonly Route[], c: RouteChange, os: OsKind): Route[] {
  return routes.filter(
    (r) =>
      inTable(r, c.table) &&
      r.destination === c.destination &&
      (c.gateway === null || r.gateway === c.gateway) &&
      (c.interface === null || r.interface === c.interface) &&
      (os !== "linux" || c.metric === undefined || r.metric === c.metric),
  );
}

/**
 * null when the table agrees with the change (`present`: the route must be
 * there; otherwise it must be gone), else one line saying what differs.
 */
function verifyChange(
  table: { os: OsKind; routes: Part<Route[]> },
  c: RouteChange,
  present: boolean,
): string | null {
  if (!table.routes.ok) return `could not verify: reading the routes failed: ${table.routes.error}`;
  const routes = table.routes.value;
  const hits = matchingRoutes(routes, c, table.os);
  if (present) {
    if (hits.length > 0) return null;
    const others = routes.filter((r) => inTable(r, c.table) && r.destination === c.destination);
    if (others.length > 0)
      return `the table has ${others.map(describeRoute).join("; ")}, but not ${wanted(c)}`;
    return `${wanted(c)} is not in the table after the command`;
  }
  if (hits.length === 0) return null;
  return `${hits.map(describeRoute).join("; ")} is still in the table after the command`;
}

/**
 * verifyChange against the OS as it is now: the change's prefix read past any cache
 * the live screen keeps (`routesOf`), or a fresh poll where the backend has no such read.
 */
export async function verifyOnHost(
  platform: Platform,
  c: RouteChange,
  present: boolean,
): Promise<string | null> {
  try {
    const routes = platform.routesOf
      ? await platform.routesOf(c.destination, c.table ?? "main")
      : (await platform.collect()).routes;
    return verifyChange({ os: platform.os, routes }, c, present);
  } catch (e) {
    return `could not verify: ${errorText(e)}`;
  }
}
