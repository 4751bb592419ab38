// Route changes on the simulated host: what route.exe would do to the table.
// The argv itself is the Windows one (src/system/windows/route-argv.ts).
import { contains } from "../../core/ip.js";
import type { NetInterface, Route, RouteChange } from "../../core/model.js";
import { validateChange } from "../../core/route-change.js";

/** Route metric route.exe uses when METRIC is not given (route print adds the interface metric). */
const DEFAULT_ROUTE_METRIC = 1;

function sameSubnetCard(gateway: string | null, interfaces: readonly NetInterface[]): NetInterface | null {
  if (!gateway) return null;
  return (
    interfaces.find((i) => i.addresses.some((x) => contains(`${x.address}/${x.prefixLen}`, gateway))) ?? null
  );
}

/** The table after route.exe ran; throws with route.exe's own words when it would fail. */
export function applyToRoutes(
  routes: readonly Route[],
  change: RouteChange,
  interfaces: readonly NetInterface[],
): Route[] {
  const v = validateChange(change, interfaces);
  const matches = (r: Route) =>
    r.destination === v.destination &&
    (v.gateway === null || r.gateway === v.gateway) &&
    (v.iface === null || r.interface === v.iface.name);
  if (v.action === "delete") {
    const kept = routes.filter((r) => !matches(r));
    if (kept.length === routes.length) throw new Error("The route deletion failed: Element not found.");
    return kept;
  }
  // Without IF, Windows picks the card whose subnet holds the gateway.
  const card = v.iface ?? sameSubnetCard(v.gateway, interfaces);
  if (!card) throw new Error("The route addition failed: the gateway is not on a subnet of this host.");
  if (routes.some((r) => matches(r) && r.interface === card.name))
    throw new Error("The route addition failed: The object already exists.");
  const added: Route = {
    destination: v.destination,
    family: v.network.family,
    gateway: v.gateway,
    interface: card.name,
    metric: (v.metric ?? DEFAULT_ROUTE_METRIC) + (card.metric ?? 0),
    table: "main",
    type: "unicast",
    persistent: v.persistent,
  };
  return [...routes, added];
}
