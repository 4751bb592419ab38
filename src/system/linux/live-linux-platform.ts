// The Linux backend for the live screen. Routes, rules and cards are read once,
// then kept current by `ip monitor` (route events applied as they come; rule,
// address and link events re-read what they name), with a full re-read every
// `resyncMs` as a safety net. Each poll runs only `ss`. Unchanged parts come
// back as the same objects, so the analysis can skip what did not change. When
// the monitor cannot run, every poll re-reads everything, as the plain platform does.
import { readFile as fsReadFile } from "node:fs/promises";
import { hostname as osHostname } from "node:os";
import type { Connection, NetInterface, Part, PolicyRule, Route, Snapshot } from "../../core/model.js";
import type { CommandRunner } from "../exec/runner-types.js";
import type { StreamSpawner } from "../exec/stream-types.js";
import type { CollectOptions, Platform } from "../platform.js";
import {
  IP_ADDR,
  IP_RULE_4,
  IP_RULE_6,
  LINUX_EXTRAS_ARGV,
  linuxChangeArgv,
  linuxResetArgv,
  SS_CONNECTED_PROCESSES,
} from "./linux-commands.js";
import { fail } from "./linux-parts.js";
import { LiveMonitor } from "./live-monitor.js";
import { interfacesPart, rulesPart, SysctlsCache, TextPart } from "./live-parts.js";
import { LiveRoutes } from "./live-routes.js";
import { LiveSockets, type Split } from "./live-sockets.js";
import { ProcessNames } from "./process-names.js";
import { linuxRoutesOf } from "./routes-of.js";
import type { ReadFile } from "./sysctls.js";

export interface LiveOptions {
  /** Full route re-read even without events (default 30 s, or 200 times as long as the last read took if more). */
  resyncMs?: number;
  /** Sysctls (no netlink event for them) re-read at most this often (default 5 s). */
  sysctlsMs?: number;
  /** Below this many routes a link or address event re-reads routes within the poll (default 20,000). */
  smallTable?: number;
  /**
   * Cores to read sockets with (default 1: one ss). Two ss halves finish sooner
   * on an idle machine but cost more CPU in all (each walks every socket), and
   * the live screen is judged by what it costs the host.
   */
  cores?: number;
  /**
   * What each poll's `ss` is started through (default: the spawner given), such as
   * the small helper process of spawn-helper.ts; stopped by close().
   */
  pollStream?: { spawn: StreamSpawner; stop(): void };
  now?: () => number;
}

interface LiveStats {
  mode: "monitor" | "poll";
  fullReads: number;
  eventsApplied: number;
  namesRuns: number;
  /** The port threshold the socket list is read in two halves by, if any. */
  ssSplit: Split | null;
}

export type LivePlatform = Platform & {
  readonly keepsProcessNames: true;
  readonly stats: LiveStats;
  /** A full route re-read now, in the background as the safety net does; resolves when it finished. */
  resyncNow(): Promise<void>;
  close(): Promise<void>;
};

interface Options extends LiveOptions {
  readFile?: ReadFile;
  hostname?: string;
  isRoot?: boolean;
}

export function createLiveLinuxPlatform(
  runner: CommandRunner,
  spawn: StreamSpawner,
  opts: Options = {},
): LivePlatform {
  const readFile: ReadFile = opts.readFile ?? ((path) => fsReadFile(path, "utf8"));
  const isRoot = opts.isRoot ?? process.getuid?.() === 0;
  const host = opts.hostname ?? osHostname();
  const now = opts.now ?? Date.now;
  const resyncMs = opts.resyncMs ?? 30_000;
  const sysctlsMs = opts.sysctlsMs ?? 5_000;
  const smallTable = opts.smallTable ?? 20_000;
  const routes = new LiveRoutes(spawn, now);
  const monitor = new LiveMonitor(spawn, now);
  const cores = opts.cores ?? 1;
  // Two halves run at once, which one helper cannot do: they start directly.
  const sockets = new LiveSockets(cores >= 2 ? spawn : (opts.pollStream?.spawn ?? spawn), cores);
  const names = new ProcessNames(spawn, SS_CONNECTED_PROCESSES);
  const addr = new TextPart<NetInterface[]>();
  const rules = new TextPart<PolicyRule[]>();
  const sysctls = new SysctlsCache(readFile, now);
  let polls = 0;
  let namesVersion = 0;
  let namedOutput = -1;

  const run = async (argv: string[], co: CollectOptions) =>
    (await runner.run(argv, co.signal ? { signal: co.signal } : {})).stdout;

  async function readInterfaces(co: CollectOptions): Promise<Part<NetInterface[]>> {
    try {
      const text = await run(IP_ADDR, co);
      return addr.take(text, () => interfacesPart(text));
    } catch (e) {
      return fail(e);
    }
  }

  async function readRules(co: CollectOptions): Promise<Part<PolicyRule[]>> {
    const [a, b] = await Promise.allSettled([run(IP_RULE_4, co), run(IP_RULE_6, co)]);
    if (a.status === "rejected") return fail(a.reason);
    const v6 = b.status === "fulfilled" ? b.value : null;
    return rules.take(`${a.value}\n${v6 ?? "?"}`, () => rulesPart(a.value, b));
  }

  async function readConnections(co: CollectOptions): Promise<Part<Connection[]>> {
    if (names.version !== namesVersion) {
      namesVersion = names.version;
      sockets.setNames(namesVersion, names.apply);
    }
    return sockets.read(co.signal);
  }

  async function collectNow(co: CollectOptions): Promise<Snapshot> {
    const first = polls++ === 0;
    const t = now();
    if (first || (!monitor.running && t - monitor.lastTry >= resyncMs)) await monitor.start();
    const notes: string[] = [];
    if (co.processNames === true && !isRoot) notes.push("process names need root: run with sudo");
    // Names are asked for again only when the sockets changed since they were last
    // asked for: `ss -p` walks every process's descriptors, far dearer than ss itself.
    const connections = readConnections(co).then((part) => {
      if (co.processNames === true && isRoot && part.ok && sockets.outputVersion !== namedOutput) {
        namedOutput = sockets.outputVersion;
        void names.refresh();
      }
      return part;
    });
    const live = monitor.running && !first;
    let needCards = !live;
    let needRules = !live;
    let routesPart: Promise<Part<Route[]>>;
    if (!live) routesPart = routes.read();
    else {
      const batch = monitor.parser.take();
      needRules ||= batch.rules;
      needCards ||= batch.interfaces;
      routes.apply(batch.routes);
      // The safety net costs what a full read costs: at a million routes it is
      // spaced so that it takes at most about 0.5% of the time (200 reads' worth apart).
      const due = batch.resync || t - routes.lastFullRead >= Math.max(resyncMs, 200 * routes.lastReadMs);
      // A small table is re-read within the poll, so a card going down shows at once.
      if (due && routes.current.length < smallTable && !routes.resyncing) routesPart = routes.read();
      else {
        if (due) routes.startResync();
        routesPart = Promise.resolve(routes.take());
      }
    }
    const interfaces = needCards
      ? readInterfaces(co)
      : Promise.resolve(addr.part ?? fail<NetInterface[]>(new Error("cards not read yet")));
    const rulesPart = needRules
      ? readRules(co)
      : Promise.resolve(rules.part ?? fail<PolicyRule[]>(new Error("rules not read yet")));
    const sysctlsPart =
      needCards || !sysctls.part || t - sysctls.at >= sysctlsMs
        ? interfaces.then((cards) => sysctls.read(cards))
        : Promise.resolve(sysctls.part);
    const snapshot: Snapshot = {
      platform: "linux",
      os: "linux",
      host,
      collector: "iproute2",
      interfaces: await interfaces,
      routes: await routesPart,
      rules: await rulesPart,
      connections: await connections,
      sysctls: await sysctlsPart,
      privileged: isRoot,
      takenAt: now(),
    };
    for (const n of [monitor.note, routes.error && `route re-read failed: ${routes.error}`, names.error])
      if (n) notes.push(n);
    return notes.length > 0 ? { ...snapshot, notes } : snapshot;
  }

  // Polls never overlap, even when the poller gave one up and started the next:
  // the monitor, the route table and the row caches are one poll's at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const collect = (co: CollectOptions = {}): Promise<Snapshot> => {
    const run = queue.then(() => collectNow(co));
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    id: "linux",
    os: "linux",
    collector: "iproute2",
    changeArgv: (change, interfaces) => linuxChangeArgv(change, interfaces),
    resetArgv: (flow) => linuxResetArgv(flow),
    routesOf: linuxRoutesOf(runner),
    extrasArgv: LINUX_EXTRAS_ARGV,
    collect,
    keepsProcessNames: true,
    get stats(): LiveStats {
      return {
        mode: monitor.running ? "monitor" : "poll",
        fullReads: routes.fullReads,
        eventsApplied: routes.eventsApplied,
        namesRuns: names.runs,
        ssSplit: sockets.currentSplit,
      };
    },
    async resyncNow() {
      routes.startResync();
      await routes.settled();
    },
    async close() {
      opts.pollStream?.stop();
      await monitor.stop();
      await Promise.all([routes.settled(), names.stop()]);
    },
  };
}
