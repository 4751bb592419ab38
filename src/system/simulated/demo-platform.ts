// `dualhome demo`: the TUI on a simulated Windows server that reproduces
// the story (docs/ARCHITECTURE.md), needing no privileges and touching nothing on this machine.
import { isAddr } from "../../core/ip.js";
import type { Connection, Part, Route, RouteChange, Snapshot } from "../../core/model.js";
import type { Platform } from "../platform.js";
import type { ProbeResult } from "../probe.js";
import { routeExeArgv } from "../windows/route-argv.js";
import { applyToRoutes } from "./demo-changes.js";
import { HOST_NAME, INTERFACES } from "./demo-host.js";
import { DemoWorld } from "./demo-world.js";

interface DemoOptions {
  seed?: number;
  clock?: () => number;
  /** How the probe waits; tests pass one that moves their clock. */
  sleep?: (ms: number) => Promise<void>;
  /** How long a probe waits for an answer before it says "timeout" (default 5 s). */
  probeTimeoutMs?: number;
}

export type DemoPlatform = Platform & {
  applyChange(change: RouteChange): void;
  routesNow(): Route[];
  probe(host: string, port: number): Promise<ProbeResult>;
};

function ok<T>(value: T): Part<T> {
  return { ok: true, value, warnings: [] };
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createDemoPlatform(opts: DemoOptions = {}): DemoPlatform {
  const clock = opts.clock ?? Date.now;
  const sleep = opts.sleep ?? realSleep;
  const probeTimeoutMs = opts.probeTimeoutMs ?? 5000;
  const world = new DemoWorld(opts.seed ?? 1, clock());
  // A part is built again only when the world changed it, as a real collector
  // hands back the last part for the same output: an idle demo costs nothing per poll.
  const interfaces = ok(INTERFACES.map((i) => ({ ...i, addresses: i.addresses.map((a) => ({ ...a })) })));
  const rules = ok([]);
  const sysctls = ok({});
  const notes = ["simulated host: nothing on this machine is read or changed"];
  let routesOf: Route[] | null = null;
  let routes: Part<Route[]> = ok([]);
  let flowsOf: Connection[] = [];
  let connections: Part<Connection[]> = ok([]);

  function snapshot(): Snapshot {
    if (world.routes !== routesOf) {
      routesOf = world.routes;
      routes = ok(world.routes.map((r) => ({ ...r })));
    }
    const flows = world.flowConns();
    if (flows.length !== flowsOf.length || flows.some((c, i) => c !== flowsOf[i])) {
      flowsOf = flows;
      connections = ok(world.connections());
    }
    return {
      platform: "simulated",
      os: "windows",
      host: HOST_NAME,
      collector: "simulated",
      takenAt: clock(),
      interfaces,
      routes,
      rules,
      connections,
      sysctls,
      privileged: true,
      notes,
    };
  }

  async function probe(host: string, port: number): Promise<ProbeResult> {
    const base = { host, port, source: null, sourcePort: null, ms: 0 };
    if (!isAddr(host) || host.includes(":"))
      return {
        ...base,
        outcome: "error",
        error: `the demo host resolves no names: use an address such as 10.1.1.20`,
      };
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      return { ...base, outcome: "error", error: `port ${port} is not a whole number from 1 to 65535` };
    const started = clock();
    world.advance(started);
    const socket = world.openProbe(host, port);
    if (!socket.source) return { ...base, outcome: "error", error: "no route to host" };
    await sleep(socket.outcome === "timeout" ? probeTimeoutMs : 2);
    const ended = clock();
    world.advance(ended);
    socket.close(ended);
    return {
      host,
      port,
      outcome: socket.outcome,
      source: socket.source,
      sourcePort: socket.sourcePort,
      ms: Math.max(0, ended - started),
    };
  }

  return {
    id: "simulated",
    os: "windows",
    collector: "simulated",
    async collect(o) {
      if (o?.signal?.aborted) throw new Error("the poll was cancelled");
      world.advance(clock());
      return snapshot();
    },
    changeArgv: (change, interfaces) => routeExeArgv(change, interfaces),
    applyChange(change) {
      world.advance(clock());
      world.routes = applyToRoutes(world.routes, change, INTERFACES);
    },
    routesNow: () => world.routes.map((r) => ({ ...r })),
    probe,
    async close() {},
  };
}
