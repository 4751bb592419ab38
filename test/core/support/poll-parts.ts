// What a random poll is made of, for the incremental analyzer's property test:
// routes and connections drawn from small hand-made tables (few prefixes, so
// that changes overlap flows often), and variants of the cards and ip rules.
import fc from "fast-check";
import type { Connection, NetInterface, PolicyRule, Route, RouteType } from "../../../src/core/model.js";

// biome-ignore format: tables read better dense
const DESTS = ["0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16", "10.1.1.0/24", "172.16.0.0/12", "192.168.1.0/24",
  "203.0.113.0/24", "203.0.113.7/32", "192.168.1.10/32", "::/0", "2001:db8::/32"];
const GATEWAYS = [null, "192.168.1.1", "192.168.1.254", "192.168.1.2"];
const CARDS = ["eth0", "eth1", "eth2", null];
const TABLES = ["main", "main", "local", "100"];
const TYPES: RouteType[] = ["unicast", "unicast", "unicast", "blackhole", "local", "throw", "unreachable"];
// biome-ignore format: tables read better dense
const REMOTES = ["10.1.1.5", "10.2.0.1", "172.16.5.5", "203.0.113.7", "8.8.8.8", "192.168.1.1", "192.168.1.11",
  "127.0.0.1", "0.0.0.0", "2001:db8::5"];
const LOCALS = ["192.168.1.10", "192.168.1.11", "10.5.0.2", "127.0.0.1", "2001:db8::10"];
const STATES = ["ESTABLISHED", "SYN_SENT", "SYN_SENT", "TIME_WAIT", "LISTEN", "CONNECTED"];

export const routeArb = fc
  .record({
    d: fc.nat(DESTS.length - 1),
    g: fc.nat(GATEWAYS.length - 1),
    c: fc.nat(CARDS.length - 1),
    m: fc.constantFrom(0, 10, 20),
    t: fc.nat(TABLES.length - 1),
    y: fc.nat(TYPES.length - 1),
    p: fc.boolean(),
  })
  .map(({ d, g, c, m, t, y, p }): Route => {
    const destination = DESTS[d] as string;
    const v6 = destination.includes(":");
    return {
      destination,
      family: v6 ? 6 : 4,
      gateway: v6 ? null : (GATEWAYS[g] ?? null),
      interface: CARDS[c] ?? null,
      metric: m,
      table: TABLES[t] as string,
      type: TYPES[y] as RouteType,
      persistent: p,
      ...(p ? { protocol: "static" } : {}),
    };
  });

export const connArb = fc
  .record({
    l: fc.nat(LOCALS.length - 1),
    r: fc.nat(REMOTES.length - 1),
    s: fc.nat(STATES.length - 1),
    port: fc.integer({ min: 1, max: 6 }),
    udp: fc.boolean(),
    named: fc.boolean(),
  })
  .map(({ l, r, s, port, udp, named }): Connection => {
    const remote = REMOTES[r] as string;
    const local = LOCALS[l] as string;
    return {
      protocol: udp ? "udp" : "tcp",
      family: remote.includes(":") ? 6 : 4,
      local: {
        address: remote.includes(":") ? "2001:db8::10" : local.includes(":") ? "192.168.1.10" : local,
        port: 40000 + port,
      },
      remote: { address: remote, port: 5060 + port },
      state: STATES[s] as string,
      pid: named ? 100 + port : null,
      process: named ? "app" : null,
    };
  });

export function cards(variant: number): NetInterface[] {
  const c = (name: string, index: number, address: string, up = true, prefixLen = 24): NetInterface => ({
    index,
    name,
    up,
    addresses: [{ address, prefixLen, family: 4, primary: true }],
  });
  const base = [
    c("eth0", 2, "192.168.1.10"),
    c("eth1", 3, "192.168.1.11"),
    c("eth2", 4, "10.5.0.2", true, 16),
  ];
  if (variant === 1) base[1] = c("eth1", 3, "192.168.1.11", false);
  if (variant === 2) base.pop();
  (base[0] as NetInterface).addresses.push({ address: "2001:db8::10", prefixLen: 64, family: 6 });
  return base;
}

export function rules(variant: number): PolicyRule[] {
  if (variant === 0) return [];
  return [
    { family: 4, priority: 0, action: "lookup", table: "local" },
    { family: 4, priority: 100, action: "lookup", table: "100", from: "192.168.1.11/32" },
    { family: 4, priority: 32766, action: "lookup", table: "main" },
    ...(variant === 2
      ? [{ family: 4 as const, priority: 50, action: "unreachable" as const, to: "10.2.0.0/16" }]
      : []),
  ];
}
