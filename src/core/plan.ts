// Fix planning: the route changes that make a policy destination leave by its
// card, and the table those changes leave behind (for verification and for the
// impact preview before anything runs).
import {
  type Addr,
  formatAddr,
  formatPrefix,
  parseAddr,
  parsePrefix,
  prefixContains,
  prefixContainsPrefix,
  splitZone,
  unmapV4,
} from "./ip.js";
import type { NetInterface, OsKind, Route, RouteChange } from "./model.js";
import { resolveInterface } from "./policy.js";

export interface PinTarget {
  /** The policy prefix, e.g. "10.0.0.0/8". */
  prefix: string;
  /** Linux: the table new connections are looked up in, when a rule decides before main. */
  table?: string;
  /** Card name. */
  card: string;
  gateway: string;
  /** Addresses that must end up on the card: wrong flows' remotes and the probe address. */
  destinations: string[];
}

const ROUTED = new Set(["unicast", "blackhole", "unreachable", "prohibit", "throw"]);

/** Whether `r` is in `table` (absent: main, which Windows and macOS have alone). */
export function inTable(r: Route, table: string | undefined): boolean {
  // iproute2 names 253 "default" and 254 "main": either spelling is the same table.
  const named = (x: string) => (x === "" || x === "254" ? "main" : x === "253" ? "default" : x);
  return named(r.table) === named(table ?? "main");
}

function connectedOf(r: Route, interfaces: readonly NetInterface[]): boolean {
  if (r.gateway !== null) return false;
  const card = interfaces.find((i) => i.name === r.interface);
  return !!card?.addresses.some((a) => {
    const p = parsePrefix(`${a.address}/${a.prefixLen}`);
    return !!p && formatPrefix(p) === r.destination;
  });
}

/**
 * Changes that pin `prefix` to the card and gateway: routes as specific as the
 * prefix (or more) that capture one of the destinations elsewhere are deleted
 * first (they would keep winning), then the pinned route is added unless it is
 * there. A card's own connected subnet is never deleted.
 */
export function planPin(
  routes: readonly Route[],
  target: PinTarget,
  interfaces: readonly NetInterface[],
  os: OsKind,
): RouteChange[] {
  const p = parsePrefix(target.prefix);
  if (!p) return [];
  const dests = target.destinations
    .map((d) => parseAddr(splitZone(d).address))
    .filter((a): a is Addr => a !== null)
    .map(unmapV4)
    .filter((a) => prefixContains(p, a));
  const live = routes.filter((r) => inTable(r, target.table) && ROUTED.has(r.type));
  const good = (r: Route) =>
    r.type === "unicast" && r.interface === target.card && r.gateway === target.gateway;
  const changes: RouteChange[] = [];
  const removed = new Set<Route>();
  for (const r of live) {
    const rp = parsePrefix(r.destination, { family: r.family });
    if (!rp || removed.has(r) || good(r) || !prefixContainsPrefix(p, rp)) continue;
    if (connectedOf(r, interfaces) || !dests.some((d) => prefixContains(rp, d))) continue;
    // A delete names destination, gateway and card, nothing finer: an on-link
    // route's delete also matches the pinned one beside it. Windows removes
    // every match at once, `ip route del` one per call: plan for all of them.
    const hits = live.filter((x) => !removed.has(x) && sameRoute(x, r.destination, r.gateway, r.interface));
    for (const x of os === "linux" ? hits : [r])
      changes.push({
        action: "delete",
        destination: r.destination,
        gateway: r.gateway,
        interface: r.interface,
        persistent: x.persistent,
        ...(target.table ? { table: target.table } : {}),
      });
    for (const x of hits) removed.add(x);
  }
  const dest = formatPrefix(p);
  if (!live.some((r) => !removed.has(r) && good(r) && r.destination === dest))
    changes.push({
      action: "add",
      destination: dest,
      gateway: target.gateway,
      interface: target.card,
      persistent: true,
      ...(target.table ? { table: target.table } : {}),
    });
  return changes;
}

function sameRoute(r: Route, dest: string, gateway: string | null, card: string | null): boolean {
  return (
    r.destination === dest &&
    (gateway === null || r.gateway === gateway) &&
    (card === null || r.interface === card)
  );
}

/** The routing table after `changes`, as the OS would leave it. Invalid changes are skipped. */
export function applyChanges(
  routes: Route[],
  changes: RouteChange[],
  interfaces: NetInterface[],
  os: OsKind,
): Route[] {
  let table = routes.slice();
  for (const ch of changes) {
    const p = parsePrefix(ch.destination);
    if (!p) continue;
    const dest = formatPrefix(p);
    const gwAddr = ch.gateway ? parseAddr(ch.gateway) : null;
    if (ch.gateway && !gwAddr) continue;
    const gateway = gwAddr ? formatAddr(gwAddr) : null;
    const cardRef = ch.interface?.trim() ? ch.interface : null;
    const card = cardRef ? (resolveInterface(cardRef, interfaces)?.name ?? cardRef) : null;
    if (ch.action === "delete") {
      const hits = table.filter(
        (r) => inTable(r, ch.table) && ROUTED.has(r.type) && sameRoute(r, dest, gateway, card),
      );
      // `ip route del` removes one route (the first, lowest metric); Windows and BSD remove every match.
      const gone = os === "linux" ? hits.sort((a, b) => a.metric - b.metric).slice(0, 1) : hits;
      table = table.filter((r) => !gone.includes(r));
      continue;
    }
    if (!card && !gateway) continue;
    const twin = table.find(
      (r) =>
        inTable(r, ch.table) &&
        r.type === "unicast" &&
        sameRoute(r, dest, gateway, card) &&
        r.gateway === gateway,
    );
    if (twin) {
      if (ch.persistent && !twin.persistent)
        table = table.map((r) => (r === twin ? { ...r, persistent: true } : r));
      continue;
    }
    const lands = card ?? landingCard(interfaces, gwAddr);
    const iface = interfaces.find((i) => i.name === lands);
    // `route print` shows route metric + interface metric; route.exe's default route metric is 1.
    const metric = os === "windows" ? (ch.metric ?? 1) + (iface?.metric ?? 0) : (ch.metric ?? 0);
    table.push({
      destination: dest,
      family: p.addr.family,
      gateway,
      interface: lands,
      metric,
      table: ch.table ?? "main",
      type: "unicast",
      persistent: ch.persistent,
    });
  }
  return table;
}

/** Where an unpinned route lands: the card (lowest interface metric) whose subnet holds the gateway. */
function landingCard(interfaces: readonly NetInterface[], gw: Addr | null): string | null {
  if (!gw) return null;
  const onLink = interfaces.filter(
    (i) =>
      i.up &&
      i.addresses.some((a) => {
        const p = parsePrefix(`${a.address}/${a.prefixLen}`);
        return !!p && prefixContains(p, gw);
      }),
  );
  onLink.sort((a, b) => (a.metric ?? 0) - (b.metric ?? 0));
  return onLink[0]?.name ?? null;
}
