// The change that undoes a route change: what the confirmation of an undo shows
// and what a revert is rebuilt from (pure, shared by the app and the journal's reverts).
import type { NetInterface, Route, RouteChange } from "./model.js";

/** The change that undoes `c`; for a delete, `gone` is the route it removes. */
export function inverseOf(c: RouteChange, gone?: Route, cards: readonly NetInterface[] = []): RouteChange {
  if (c.action === "add") {
    const { metric, ...rest } = c;
    return { ...rest, action: "delete", ...(metric !== undefined ? { metric } : {}) };
  }
  let metric = c.metric;
  if (gone && metric === undefined) {
    // Windows tables show route + interface metric; route add takes the route's own part.
    const own = gone.metric - (cards.find((i) => i.name === gone.interface)?.metric ?? 0);
    metric = own >= 1 ? own : undefined;
  }
  return {
    action: "add",
    destination: c.destination,
    gateway: gone ? gone.gateway : c.gateway,
    interface: gone ? gone.interface : c.interface,
    ...(metric !== undefined ? { metric } : {}),
    persistent: gone ? gone.persistent : c.persistent,
    ...(c.table ? { table: c.table } : {}),
  };
}
