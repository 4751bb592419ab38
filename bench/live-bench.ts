// A live host of the bench's own, out of two network namespaces: "<ns>" is the
// server under test (eth0 192.168.1.10 towards the far side, eth1 192.168.1.11 on
// the same subnet, `routes` routes loaded with `ip -n <ns> -batch -`), "<ns>-far"
// holds the gateways 192.168.1.1-4 and the remote hosts. The `conns` connections
// run from the server to the far side, so the server's ss lists one row each and
// its flows leave by real routes. The measuring worker runs inside "<ns>"; both
// namespaces (and every veth, which never leaves them) are removed at the end.
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createRunner } from "../src/system/exec/runner.js";
import { spawnStream } from "../src/system/exec/runner-stream.js";
import type { StreamHandle } from "../src/system/exec/stream-types.js";
import { v4Text } from "./synthetic.js";
import { bgpRoutes, routeLine } from "./synthetic-host.js";

const runner = createRunner();
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Why the live bench cannot run here, or null. */
export async function liveUnavailable(): Promise<string | null> {
  if (process.getuid?.() !== 0) return "not root: network namespaces need root (run `sudo npm run bench`)";
  const probe = `dhbench-probe-${randomBytes(3).toString("hex")}`;
  try {
    await runner.run(["ip", "netns", "add", probe]);
    await runner.run(["ip", "netns", "del", probe]);
    return null;
  } catch (e) {
    return `ip netns add failed: ${e instanceof Error ? e.message : String(e)}`;
  }
}

async function ipn(ns: string, ...args: string[]): Promise<void> {
  await runner.run(["ip", "-n", ns, ...args]);
}

/** Remote hosts on the far side, inside routes of the table so lookups walk the trie. */
export function remoteHosts(routes: number): string[] {
  const table = bgpRoutes(Math.max(routes, 64));
  const step = Math.max(1, Math.floor(table.length / 64));
  const out: string[] = [];
  for (let i = 0; i < table.length && out.length < 64; i += step) {
    const r = table[i];
    if (r) out.push(v4Text((r.network + 1) >>> 0));
  }
  return out;
}

export async function build(ns: string, far: string, routes: number, hosts: string[]): Promise<number> {
  for (const n of [ns, far]) {
    await runner.run(["ip", "netns", "add", n]);
    await ipn(n, "link", "set", "lo", "up");
  }
  // The veth is made in the server's namespace and its far end moved: it never touches the host's.
  await ipn(ns, "link", "add", "eth0", "type", "veth", "peer", "name", "ext0");
  await ipn(ns, "link", "set", "ext0", "netns", far);
  await ipn(ns, "link", "add", "eth1", "type", "veth", "peer", "name", "int0");
  await ipn(ns, "link", "set", "int0", "netns", far);
  await ipn(far, "link", "set", "int0", "up");
  await ipn(ns, "addr", "add", "192.168.1.10/24", "dev", "eth0");
  await ipn(ns, "addr", "add", "192.168.1.11/24", "dev", "eth1");
  for (const dev of ["eth0", "eth1"]) await ipn(ns, "link", "set", dev, "up");
  for (const a of ["192.168.1.1/24", "192.168.1.2/24", "192.168.1.3/24", "192.168.1.4/24"])
    await ipn(far, "addr", "add", a, "dev", "ext0");
  await ipn(far, "link", "set", "ext0", "up");
  for (const h of hosts) await ipn(far, "addr", "add", `${h}/32`, "dev", "lo");
  await ipn(ns, "route", "add", "default", "via", "192.168.1.1", "dev", "eth0", "metric", "100");
  await ipn(ns, "route", "add", "10.0.0.0/8", "via", "192.168.1.254", "dev", "eth1", "metric", "10");
  const t = performance.now();
  const batch = bgpRoutes(routes)
    .map((r) => `route add ${routeLine(r)}`)
    .join("\n");
  await runner.run(["ip", "-n", ns, "-batch", "-"], { input: `${batch}\n`, timeoutMs: 600_000 });
  return performance.now() - t;
}

function child(ns: string, args: string[], onReady: () => void): StreamHandle {
  const argv = ["ip", "netns", "exec", ns, process.execPath, here("./live-child.js"), ...args];
  return spawnStream(argv, (lines) => {
    if (lines.some((l) => l.startsWith("ready"))) onReady();
  });
}

/**
 * Servers in `far`, then clients in `ns` holding `conns` connections to `hosts`
 * (ports from `basePort`); each child below 16k descriptors. With far === ns and
 * hosts ["127.0.0.1"] they are loopback connections: two sockets each in ns.
 */
export async function connect(
  ns: string,
  far: string,
  conns: number,
  hosts: string[],
  basePort = 7000,
  /** Where each child goes as it starts, so a caller can stop them even when this fails. */
  children: StreamHandle[] = [],
): Promise<StreamHandle[]> {
  const perChild = 12_000;
  const wait = async (make: (ready: () => void) => StreamHandle) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        timer = setTimeout(() => reject(new Error("bench connections not ready after 120 s")), 120_000);
        children.push(make(resolve));
      });
    } finally {
      clearTimeout(timer);
    }
  };
  const ports: number[] = [];
  for (let done = 0, k = 0; done < conns; done += perChild, k++) ports.push(basePort + k);
  await Promise.all(ports.map((port) => wait((ready) => child(far, ["server", String(port)], ready))));
  await Promise.all(
    ports.map((port, k) => {
      const n = Math.min(perChild, conns - k * perChild);
      return wait((ready) => child(ns, ["client", String(n), String(port), hosts.join(",")], ready));
    }),
  );
  return children;
}

export interface LiveResult {
  routes: number;
  conns: number;
  load_ms: number;
  figures: Record<string, unknown>;
}

export async function runLive(
  routes: number,
  conns: number,
  ticks: number,
  naive: boolean,
): Promise<LiveResult> {
  const ns = `dhbench-${randomBytes(3).toString("hex")}`;
  const far = `${ns}-far`;
  let children: StreamHandle[] = [];
  const cleanup = async () => {
    await Promise.all(children.map((c) => c.stop()));
    for (const n of [ns, far]) await runner.run(["ip", "netns", "del", n]).catch(() => undefined);
  };
  const onSignal = () => void cleanup().then(() => process.exit(130));
  process.once("SIGINT", onSignal);
  try {
    const hosts = remoteHosts(routes);
    const load = await build(ns, far, routes, hosts);
    children = await connect(ns, far, conns, hosts);
    const flags = process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(" ") : [];
    const argv = [
      "ip",
      "netns",
      "exec",
      ns,
      process.execPath,
      ...flags,
      here("./live-worker.js"),
      String(ticks),
    ];
    if (naive) argv.push("naive");
    const out = await runner.run(argv, { timeoutMs: 900_000 });
    if (process.env.BENCH_TRACE) process.stderr.write(out.stderr);
    const line = out.stdout.trim().split("\n").pop() ?? "{}";
    return { routes, conns, load_ms: load, figures: JSON.parse(line) as Record<string, unknown> };
  } finally {
    process.off("SIGINT", onSignal);
    await cleanup();
  }
}
