// Facts about the host that the guided fix talks about: its cards, default
// gateways, shared subnets and wrong flows, read off one analysis.
import { sharedSubnets } from "../../core/findings-context.js";
import { isLinkLocal, isLoopback, parseAddr } from "../../core/ip.js";
import type { Analysis, ClassifiedConnection, NetInterface, Route } from "../../core/model.js";

export function cardsOf(a: Analysis): NetInterface[] {
  return a.snapshot.interfaces.ok ? a.snapshot.interfaces.value : [];
}

export function routesOf(a: Analysis): Route[] {
  return a.snapshot.routes.ok ? a.snapshot.routes.value : [];
}

/** Up cards with a usable IPv4 address: the ones a route can be pinned to. */
export function candidateCards(a: Analysis): NetInterface[] {
  return cardsOf(a).filter((c) => c.up && v4Of(c).length > 0);
}

export function v4Of(c: NetInterface): { address: string; prefixLen: number }[] {
  return c.addresses.filter((x) => {
    const p = x.family === 4 ? parseAddr(x.address) : null;
    return !!p && !isLoopback(p) && !isLinkLocal(p);
  });
}

export function addressText(c: NetInterface): string {
  return (
    v4Of(c)
      .map((x) => `${x.address}/${x.prefixLen}`)
      .join(", ") || "no IPv4 address"
  );
}

const inMain = (r: Route) => r.table === "main" || r.table === "";

/** IPv4 default routes of the main table on up cards, lowest metric first. */
export function defaultsOf(a: Analysis): Route[] {
  const up = new Set(
    cardsOf(a)
      .filter((c) => c.up)
      .map((c) => c.name),
  );
  return routesOf(a)
    .filter(
      (r) =>
        r.destination === "0.0.0.0/0" &&
        r.type === "unicast" &&
        inMain(r) &&
        r.interface !== null &&
        up.has(r.interface),
    )
    .sort((x, y) => x.metric - y.metric);
}

/** The internet card: the one holding the preferred default route, other than `internal`. */
export function externalOf(a: Analysis, internal?: string | null): Route | null {
  return defaultsOf(a).find((r) => r.interface !== internal) ?? null;
}

export function sharedOf(a: Analysis): { subnet: string; cards: string[] }[] {
  return sharedSubnets(cardsOf(a)).map((s) => ({ subnet: s.subnet, cards: s.cards.map((c) => c.name) }));
}

/** Routes through a gateway on `card`, other than default routes. */
export function gatewayRoutesOn(a: Analysis, card: string): Route[] {
  return routesOf(a).filter(
    (r) => r.interface === card && r.gateway !== null && r.destination !== "0.0.0.0/0" && inMain(r),
  );
}

export function wrongFlows(a: Analysis): ClassifiedConnection[] {
  return a.connections.filter((c) => c.verdict === "wrong-nic");
}

export function isSynSent(c: { state: string }): boolean {
  return c.state.toUpperCase().replace("-", "_") === "SYN_SENT";
}

export { clockText, dateTimeText } from "../../core/time-text.js";

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
