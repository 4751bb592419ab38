// The Linux backend: iproute2 for interfaces, routes, rules and sockets, /proc for
// the per-card ARP and reverse-path knobs. Each part of a poll fails on its own.
import { readFile as fsReadFile } from "node:fs/promises";
import { hostname as osHostname } from "node:os";
import type { Connection, NetInterface, PolicyRule, Route } from "../../core/model.js";
import type { CommandRunner } from "../exec/runner-types.js";
import type { StreamSpawner } from "../exec/stream-types.js";
import type { CollectOptions, Platform } from "../platform.js";
import {
  IP_ADDR,
  IP_ROUTE_4,
  IP_ROUTE_6,
  IP_RULE_4,
  IP_RULE_6,
  LINUX_EXTRAS_ARGV,
  linuxChangeArgv,
  linuxResetArgv,
  SS,
  SS_PROCESSES,
} from "./linux-commands.js";
import { bothFamilies, settle } from "./linux-parts.js";
import { createLiveLinuxPlatform, type LiveOptions, type LivePlatform } from "./live-linux-platform.js";
import { parseIpAddrJson } from "./parse-ip-addr.js";
import { parseIpRouteJson } from "./parse-ip-route.js";
import { parseIpRuleJson } from "./parse-ip-rule.js";
import { parseSs } from "./parse-ss.js";
import { linuxRoutesOf } from "./routes-of.js";
import { type ReadFile, readSysctls } from "./sysctls.js";

interface LinuxPlatformOptions {
  readFile?: ReadFile;
  hostname?: string;
  isRoot?: boolean;
  /**
   * Live mode: routes, rules and cards are read once and then kept current by
   * `ip monitor` through this spawner (re-read in full every `live.resyncMs`);
   * each poll reads only the sockets. Without it every poll re-reads everything.
   */
  stream?: StreamSpawner;
  live?: LiveOptions;
}

export function createLinuxPlatform(
  runner: CommandRunner,
  opts: LinuxPlatformOptions & { stream: StreamSpawner },
): LivePlatform;
export function createLinuxPlatform(runner: CommandRunner, opts?: LinuxPlatformOptions): Platform;
export function createLinuxPlatform(runner: CommandRunner, opts: LinuxPlatformOptions = {}): Platform {
  if (opts.stream) return createLiveLinuxPlatform(runner, opts.stream, { ...opts, ...opts.live });
  const readFile: ReadFile = opts.readFile ?? ((path) => fsReadFile(path, "utf8"));
  const isRoot = opts.isRoot ?? process.getuid?.() === 0;
  const host = opts.hostname ?? osHostname();

  return {
    id: "linux",
    os: "linux",
    collector: "iproute2",
    changeArgv: (change, interfaces) => linuxChangeArgv(change, interfaces),
    resetArgv: (flow) => linuxResetArgv(flow),
    routesOf: linuxRoutesOf(runner),
    extrasArgv: LINUX_EXTRAS_ARGV,

    async collect(co: CollectOptions = {}) {
      const run = async (argv: string[]) =>
        (await runner.run(argv, co.signal ? { signal: co.signal } : {})).stdout;
      const notes: string[] = [];
      const names = co.processNames === true && isRoot;
      if (co.processNames === true && !isRoot) notes.push("process names need root: run with sudo");

      const interfaces = settle<NetInterface[]>(
        run(IP_ADDR).then((t) => {
          const p = parseIpAddrJson(t);
          return { value: p.interfaces, warnings: p.warnings, error: p.error };
        }),
      );
      const routeOf = (argv: string[], fam: 4 | 6) =>
        run(argv).then((t) => {
          const p = parseIpRouteJson(t, fam);
          return { value: p.routes, warnings: p.warnings, error: p.error };
        });
      const ruleOf = (argv: string[], fam: 4 | 6) =>
        run(argv).then((t) => {
          const p = parseIpRuleJson(t, fam);
          return { value: p.rules, warnings: p.warnings, error: p.error };
        });
      const routes = bothFamilies<Route>(routeOf(IP_ROUTE_4, 4), routeOf(IP_ROUTE_6, 6));
      const rules = bothFamilies<PolicyRule>(ruleOf(IP_RULE_4, 4), ruleOf(IP_RULE_6, 6));
      const connections = settle<Connection[]>(
        run(names ? SS_PROCESSES : SS).then((t) => {
          const p = parseSs(t);
          return { value: p.connections, warnings: p.warnings };
        }),
      );
      const sysctls = settle(
        interfaces.then(async (part) => {
          const cards = part.ok ? part.value.map((i) => i.name) : [];
          const r = await readSysctls(cards, readFile);
          if (!part.ok) r.warnings.push("cards unknown (ip addr failed): only 'all' was read");
          return r;
        }),
      );

      const snapshot = {
        platform: "linux" as const,
        os: "linux" as const,
        host,
        collector: "iproute2",
        interfaces: await interfaces,
        routes: await routes,
        rules: await rules,
        connections: await connections,
        sysctls: await sysctls,
        privileged: isRoot,
        takenAt: Date.now(),
      };
      return notes.length > 0 ? { ...snapshot, notes } : snapshot;
    },
  };
}
