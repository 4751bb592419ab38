// The simulated story server (docs/ARCHITECTURE.md, "The story"): a Windows edge/SIP proxy with two cards
// on one subnet and one default gateway, the internet one. Values are as
// `ipconfig /all` and `route print` would show them on such a host.
import { PRIVATE_V4, parsePrefix } from "../../core/ip.js";
import type { NetInterface, Route } from "../../core/model.js";
import type { Policy } from "../../core/policy.js";

export const HOST_NAME = "srv-edge01";
export const EXT_GATEWAY = "192.168.1.1";
/** The internal gateway: known to the world (and to the admin), absent from the routing table. */
export const INT_GATEWAY = "192.168.1.254";
const LOOPBACK_NAME = "Loopback Pseudo-Interface 1";

export const EXT: NetInterface = {
  index: 0x10003,
  name: "ext",
  description: "Intel(R) 82574L Gigabit Network Connection",
  addresses: [{ address: "192.168.1.10", prefixLen: 24, family: 4, primary: true }],
  up: true,
  metric: 25,
  mac: "00-15-5d-01-0a-10",
  dnsRegister: true,
};

export const INT: NetInterface = {
  index: 0x10004,
  name: "int",
  description: "Intel(R) 82574L Gigabit Network Connection #2",
  addresses: [{ address: "192.168.1.11", prefixLen: 24, family: 4, primary: true }],
  up: true,
  metric: 35,
  mac: "00-15-5d-01-0a-11",
  dnsRegister: true,
};

const LOOPBACK: NetInterface = {
  index: 1,
  name: LOOPBACK_NAME,
  description: "Software Loopback Interface 1",
  addresses: [{ address: "127.0.0.1", prefixLen: 8, family: 4, primary: true }],
  up: true,
  metric: 75,
};

export const INTERFACES: readonly NetInterface[] = [LOOPBACK, EXT, INT];

/**
 * Renames the two cards, as Windows may name them ("Ethernet 2", "イーサネット 2"),
 * to see the screen with real names. The demo is one simulated server per process:
 * call this before the demo platform is made, never while it runs.
 */
export function nameDemoCards(external: string, internal: string): void {
  EXT.name = external;
  INT.name = internal;
}

function onLink(destination: string, card: NetInterface, type: Route["type"] = "unicast"): Route {
  // route print's Metric column is route metric (256 for on-link) + interface metric.
  return {
    destination,
    family: 4,
    gateway: null,
    interface: card.name,
    metric: 256 + (card.metric ?? 0),
    table: "main",
    type,
    persistent: false,
  };
}

/** The active IPv4 routes in `route print` order. */
export function baseRoutes(): Route[] {
  const cards = [LOOPBACK, EXT, INT];
  return [
    {
      destination: "0.0.0.0/0",
      family: 4,
      gateway: EXT_GATEWAY,
      interface: EXT.name,
      metric: 0 + (EXT.metric ?? 0),
      table: "main",
      type: "unicast",
      persistent: true,
    },
    onLink("127.0.0.0/8", LOOPBACK),
    onLink("127.0.0.1/32", LOOPBACK, "local"),
    onLink("127.255.255.255/32", LOOPBACK, "broadcast"),
    onLink("192.168.1.0/24", EXT),
    onLink("192.168.1.0/24", INT),
    onLink("192.168.1.10/32", EXT, "local"),
    onLink("192.168.1.11/32", INT, "local"),
    onLink("192.168.1.255/32", EXT, "broadcast"),
    onLink("192.168.1.255/32", INT, "broadcast"),
    ...cards.map((c) => onLink("224.0.0.0/4", c, "multicast")),
    ...cards.map((c) => onLink("255.255.255.255/32", c, "broadcast")),
  ];
}

/**
 * Where the world sends a packet: longest prefix, then lowest metric, as
 * Windows does. A plain scan on purpose: the world is the oracle the demo
 * shows, not the engine under test, so it does not borrow the engine's lookup.
 */
export function worldRoute(routes: readonly Route[], destination: string): Route | null {
  const d = parsePrefix(`${destination}/32`);
  if (d?.addr.family !== 4) return null;
  let best: Route | null = null;
  let bestLen = -1;
  for (const r of routes) {
    if (r.type === "multicast" || r.type === "broadcast") continue;
    const p = parsePrefix(r.destination);
    if (p?.addr.family !== 4) continue;
    const mask = p.len === 0 ? 0 : (0xffffffff << (32 - p.len)) >>> 0;
    if ((d.addr.v & mask) >>> 0 !== p.addr.v) continue;
    if (p.len > bestLen || (p.len === bestLen && best && r.metric < best.metric)) {
      best = r;
      bestLen = p.len;
    }
  }
  return best;
}

export function cardAddress(name: string | null): string | null {
  const card = INTERFACES.find((c) => c.name === name);
  return card?.addresses[0]?.address ?? null;
}

/** The demo server's admin wrote down the intent, as the guided fix would: private ranges via int. */
export const DEMO_POLICY: Policy = {
  rules: [{ name: "internal", destinations: [...PRIVATE_V4], interface: "int", gateway: INT_GATEWAY }],
};

/** DEMO_POLICY with the internal card as it is named now (`--card-names`). */
export function demoPolicy(): Policy {
  return { rules: DEMO_POLICY.rules.map((r) => ({ ...r, interface: INT.name })) };
}
