// the story server's story as data, in its Windows form (strong host) and its Linux
// form (weak host). Hand-written from the story, not captured from a host.
import type { Connection, NetInterface, OsKind, Route, Snapshot } from "../../../src/core/model.js";
import type { Policy } from "../../../src/core/policy.js";

export function route(
  destination: string,
  gateway: string | null,
  iface: string | null,
  metric: number,
  extra: Partial<Route> = {},
): Route {
  return {
    destination,
    family: destination.includes(":") ? 6 : 4,
    gateway,
    interface: iface,
    metric,
    table: "main",
    type: "unicast",
    persistent: false,
    ...extra,
  };
}

export function card(
  name: string,
  index: number,
  address: string,
  extra: Partial<NetInterface> = {},
): NetInterface {
  return { index, name, up: true, addresses: [{ address, prefixLen: 24, family: 4 }], ...extra };
}

export function conn(
  local: string,
  remote: string,
  state: string,
  extra: Partial<Connection> = {},
): Connection {
  const [la, lp] = local.split(":") as [string, string];
  const [ra, rp] = remote.split(":") as [string, string];
  return {
    protocol: "tcp",
    family: 4,
    local: { address: la, port: Number(lp) },
    remote: { address: ra, port: Number(rp) },
    state,
    pid: null,
    process: null,
    ...extra,
  };
}

export const winCards = (): NetInterface[] => [
  card("ext", 0x10003, "192.168.1.10", { metric: 25 }),
  card("int", 0x10004, "192.168.1.11", { metric: 35 }),
];

export const winRoutes = (): Route[] => [
  route("0.0.0.0/0", "192.168.1.1", "ext", 25),
  route("192.168.1.0/24", null, "ext", 281),
  route("192.168.1.0/24", null, "int", 291),
  route("192.168.1.10/32", null, "ext", 281, { type: "local" }),
  route("192.168.1.11/32", null, "int", 291, { type: "local" }),
];

export const linuxCards = (): NetInterface[] => [
  card("eth0", 2, "192.168.1.10"),
  card("eth1", 3, "192.168.1.11"),
];

export const linuxRoutes = (): Route[] => [
  route("0.0.0.0/0", "192.168.1.1", "eth0", 100, { protocol: "dhcp" }),
  route("192.168.1.0/24", null, "eth0", 100, { protocol: "kernel", prefsrc: "192.168.1.10", scope: "link" }),
  route("192.168.1.0/24", null, "eth1", 101, { protocol: "kernel", prefsrc: "192.168.1.11", scope: "link" }),
  route("192.168.1.10/32", null, "eth0", 0, { table: "local", type: "local", protocol: "kernel" }),
  route("192.168.1.11/32", null, "eth1", 0, { table: "local", type: "local", protocol: "kernel" }),
];

/** The story's connections: the hanging SIP SYN, the RDP/SSH session, and a web flow. */
export function storyConnections(os: OsKind): Connection[] {
  const admin = os === "windows" ? 3389 : 22;
  return [
    conn("192.168.1.10:50123", "10.1.1.20:5061", "SYN_SENT"),
    conn(`192.168.1.11:${admin}`, "192.168.1.50:51000", "ESTABLISHED"),
    conn("192.168.1.10:50200", "203.0.113.9:443", "ESTABLISHED"),
    conn("0.0.0.0:5061", "0.0.0.0:0", "LISTENING"),
  ];
}

export function internalPolicy(cardRef: string, gateway: string | null = "192.168.1.254"): Policy {
  return {
    rules: [
      {
        name: "internal",
        destinations: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"],
        interface: cardRef,
        gateway,
      },
    ],
  };
}

export function snapshot(
  os: OsKind,
  interfaces: NetInterface[],
  routes: Route[],
  connections: Connection[],
  extra: Partial<Snapshot> = {},
): Snapshot {
  const ok = <T>(value: T) => ({ ok: true as const, value, warnings: [] });
  return {
    platform: os,
    os,
    host: "srv-edge01",
    collector: os === "windows" ? "powershell" : "iproute2",
    takenAt: 0,
    interfaces: ok(interfaces),
    routes: ok(routes),
    rules: ok([]),
    connections: ok(connections),
    sysctls: ok({}),
    ...extra,
  };
}
