// Hosts for the guided-fix tests: the demo server (the story server on Windows) and
// a hand-written Linux server of the same shape with ARP flux, strict
// rp_filter and, on request, a second default gateway and an unpinned route.
import { analyze, connectionKey } from "../../../src/core/analyze.js";
import type { Analysis, Connection, NetInterface, Route, Snapshot } from "../../../src/core/model.js";
import { LINUX_EXTRAS_ARGV, linuxChangeArgv } from "../../../src/system/linux/linux-commands.js";
import { createDemoPlatform } from "../../../src/system/simulated/demo-platform.js";

export const T0 = 1_700_000_000_000;

export async function demoAnalysis(): Promise<Analysis> {
  const snap = await createDemoPlatform({ seed: 3, clock: () => T0 }).collect();
  return analysisOf(snap, T0 - 8_000);
}

export function analysisOf(snap: Snapshot, seenAt = snap.takenAt): Analysis {
  const firstSeen = new Map<string, number>();
  if (snap.connections.ok) for (const c of snap.connections.value) firstSeen.set(connectionKey(c), seenAt);
  return analyze(snap, { now: snap.takenAt, firstSeen });
}

export function route(destination: string, gateway: string | null, iface: string, metric = 0): Route {
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

const card = (name: string, index: number, address: string): NetInterface => ({
  name,
  index,
  up: true,
  addresses: [{ address, prefixLen: 24, family: 4 }],
});

export const LINUX_CARDS = (): NetInterface[] => [
  { index: 1, name: "lo", up: true, addresses: [{ address: "127.0.0.1", prefixLen: 8, family: 4 }] },
  card("eth0", 2, "192.168.1.10"),
  card("eth1", 3, "192.168.1.11"),
];

export const linuxRoutes = (): Route[] => [
  route("0.0.0.0/0", "192.168.1.1", "eth0"),
  route("192.168.1.0/24", null, "eth0"),
  route("192.168.1.0/24", null, "eth1"),
];

export const STUCK: Connection = {
  protocol: "tcp",
  family: 4,
  local: { address: "192.168.1.10", port: 42000 },
  remote: { address: "10.1.1.20", port: 5061 },
  state: "SYN_SENT",
  pid: null,
  process: null,
};

export function linuxSnapshot(
  routes: Route[] = linuxRoutes(),
  connections: Connection[] = [STUCK],
): Snapshot {
  const ok = <T>(value: T) => ({ ok: true as const, value, warnings: [] });
  return {
    platform: "linux",
    os: "linux",
    host: "srv-lab",
    collector: "test",
    takenAt: T0,
    interfaces: ok(LINUX_CARDS()),
    routes: ok(routes),
    rules: ok([]),
    connections: ok(connections),
    sysctls: ok({
      all: { rp_filter: 0, arp_filter: 0, arp_ignore: 0, arp_announce: 0 },
      eth0: { rp_filter: 1, arp_filter: 0, arp_ignore: 0, arp_announce: 0 },
      eth1: { rp_filter: 1, arp_filter: 0, arp_ignore: 0, arp_announce: 0 },
    }),
    privileged: true,
  };
}

/** A Linux host in memory: `ip route`, `ip rule` and `sysctl -w` change it; collect reads it back. */
export function fakeLinuxHost() {
  const host = {
    routes: linuxRoutes(),
    rules: [] as string[],
    sysctls: new Map<string, string>(),
    calls: [] as string[][],
  };
  const runner = {
    async run(argv: readonly string[]) {
      host.calls.push([...argv]);
      const [cmd, a, b, ...rest] = argv;
      if (cmd === "sysctl" && a === "-w" && b) {
        const [k = "", v = ""] = b.split("=");
        host.sysctls.set(k, v);
      } else if (cmd === "ip" && a === "rule")
        host.rules =
          b === "add" ? [...host.rules, rest.join(" ")] : host.rules.filter((r) => r !== rest.join(" "));
      else if (cmd === "ip" && a === "route" && !rest.includes("table")) {
        const [dest = "", , gw = null, , dev = ""] = rest;
        if (b === "add") host.routes.push(route(dest, gw, dev));
        else
          host.routes = host.routes.filter(
            (r) => !(r.destination === dest && r.gateway === gw && r.interface === dev),
          );
      } else if (!(cmd === "ip" && a === "route")) throw new Error(`fake host: unexpected ${argv.join(" ")}`);
      return { stdout: "", stderr: "", exitCode: 0 };
    },
  };
  const platform = {
    id: "linux" as const,
    os: "linux" as const,
    collector: "test",
    changeArgv: linuxChangeArgv,
    extrasArgv: LINUX_EXTRAS_ARGV,
    async collect() {
      const pinned = host.routes.some((r) => r.destination === "10.0.0.0/8" && r.interface === "eth1");
      return { ...linuxSnapshot([...host.routes], pinned ? [] : [STUCK]), takenAt: Date.now() };
    },
  };
  const probe = async (h: string, port: number) => {
    const pinned = host.routes.some((r) => r.destination === "10.0.0.0/8" && r.interface === "eth1");
    return pinned
      ? { host: h, port, outcome: "connected" as const, source: "192.168.1.11", sourcePort: 40001, ms: 2 }
      : { host: h, port, outcome: "timeout" as const, source: "192.168.1.10", sourcePort: 40002, ms: 5000 };
  };
  return { host, runner, platform, probe };
}
