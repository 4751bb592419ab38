// A Linux server in the shape of the story (docs/ARCHITECTURE.md, "The story") (eth0 internet card with the
// default route, eth1 internal card, one subnet), with the operator's SSH
// session on eth1 and a SIP call stuck in SYN_SENT. Hand-written for the
// change-runner tests, not captured from a host.
import { analyze } from "../../../src/core/analyze.js";
import type { Analysis, Connection, NetInterface, Route, Snapshot } from "../../../src/core/model.js";
import { linuxChangeArgv } from "../../../src/system/linux/linux-commands.js";
import type { Platform } from "../../../src/system/platform.js";

export const SSH = "192.168.1.50 51000 192.168.1.11 22";

export function route(destination: string, gateway: string | null, iface: string | null, metric = 0): Route {
  return {
    destination,
    family: 4,
    gateway,
    interface: iface,
    metric,
    table: "main",
    type: "unicast",
    persistent: false,
  };
}

function card(name: string, index: number, address: string): NetInterface {
  return { index, name, up: true, addresses: [{ address, prefixLen: 24, family: 4 }] };
}

export const cards = (): NetInterface[] => [
  { index: 1, name: "lo", up: true, addresses: [{ address: "127.0.0.1", prefixLen: 8, family: 4 }] },
  card("eth0", 2, "192.168.1.10"),
  card("eth1", 3, "192.168.1.11"),
];

export const baseRoutes = (): Route[] => [
  route("0.0.0.0/0", "192.168.1.1", "eth0"),
  route("192.168.1.0/24", null, "eth0"),
  route("192.168.1.0/24", null, "eth1"),
];

function tcp(local: string, remote: string, state: string): Connection {
  const [la = "", lp = ""] = local.split(":");
  const [ra = "", rp = ""] = remote.split(":");
  return {
    protocol: "tcp",
    family: 4,
    local: { address: la, port: Number(lp) },
    remote: { address: ra, port: Number(rp) },
    state,
    pid: null,
    process: null,
  };
}

/** Other flows first, the operator's session last: impact must still list the session first. */
export const connections = (): Connection[] => [
  tcp("192.168.1.10:50123", "10.1.1.20:5061", "SYN_SENT"),
  tcp("192.168.1.10:40000", "192.168.1.60:873", "ESTABLISHED"),
  tcp("192.168.1.11:22", "192.168.1.50:51000", "ESTABLISHED"),
];

export function snapshot(routes: Route[] = baseRoutes()): Snapshot {
  const ok = <T>(value: T) => ({ ok: true as const, value, warnings: [] });
  return {
    platform: "linux",
    os: "linux",
    host: "srv",
    collector: "test",
    takenAt: 1_000,
    interfaces: ok(cards()),
    routes: ok(routes),
    rules: ok([]),
    connections: ok(connections()),
    sysctls: ok({}),
  };
}

export function analysis(routes?: Route[]): Analysis {
  return analyze(snapshot(routes), { now: 1_000 });
}

/** A Linux platform whose polls return the given tables, one per collect (the last repeats). */
export function tablePlatform(...tables: Route[][]): Platform & { collects: number } {
  const queue = tables.slice();
  const p = {
    id: "linux" as const,
    os: "linux" as const,
    collector: "test",
    collects: 0,
    changeArgv: (c: Parameters<typeof linuxChangeArgv>[0], i: NetInterface[]) => linuxChangeArgv(c, i),
    async collect() {
      p.collects++;
      const t = queue.length > 1 ? queue.shift() : queue[0];
      return snapshot(t ?? baseRoutes());
    },
  };
  return p;
}
