// The Linux backend: iproute2 for interfaces, routes, rules and sockets, /proc for
// the per-card ARP and reverse-path knobs. Each part of a poll fails on its own.
import { readFile as fsReadFile } from "node:fs/promises";
import { hostname as osHostname } from "node:os";
import type { Connection, NetInterface, Part, PolicyRule, Route } from "../../core/model.js";
import type { CollectOptions, Platform } from "../platform.js";
import { CommandError, type CommandRunner } from "../runner-types.js";
import {
  IP_ADDR,
  IP_ROUTE_4,
  IP_ROUTE_6,
  IP_RULE_4,
  IP_RULE_6,
  linuxChangeArgv,
  SS,
  SS_PROCESSES,
} from "./linux-commands.js";
import { parseIpAddrJson } from "./parse-ip-addr.js";
import { parseIpRouteJson } from "./parse-ip-route.js";
import { parseIpRuleJson } from "./parse-ip-rule.js";
import { parseSs } from "./parse-ss.js";
import { type ReadFile, readSysctls } from "./sysctls.js";

export interface LinuxPlatformOptions {
  readFile?: ReadFile;
  hostname?: string;
  isRoot?: boolean;
}

interface Parsed<T> {
  value: T;
  warnings: string[];
  error?: string | undefined;
}

function fail<T>(e: unknown, warnings: string[] = []): Part<T> {
  if (e instanceof CommandError) {
    const hint = e.kind === "permission" ? "run dualhome with sudo" : undefined;
    return hint ? { ok: false, error: e.message, hint, warnings } : { ok: false, error: e.message, warnings };
  }
  return { ok: false, error: e instanceof Error ? e.message : String(e), warnings };
}

function toPart<T>(p: Parsed<T>): Part<T> {
  return p.error === undefined
    ? { ok: true, value: p.value, warnings: p.warnings }
    : { ok: false, error: p.error, warnings: p.warnings };
}

/** IPv4 decides the part; IPv6 failing (kernel booted without it) is only a warning. */
async function bothFamilies<T>(v4: Promise<Parsed<T[]>>, v6: Promise<Parsed<T[]>>): Promise<Part<T[]>> {
  const [a, b] = await Promise.allSettled([v4, v6]);
  if (a.status === "rejected") return fail(a.reason);
  if (a.value.error !== undefined) return toPart(a.value);
  const warnings = [...a.value.warnings];
  let value = a.value.value;
  if (b.status === "rejected") warnings.push(`IPv6: ${errorText(b.reason)}`);
  else if (b.value.error !== undefined) warnings.push(`IPv6: ${b.value.error}`);
  else {
    value = value.concat(b.value.value);
    warnings.push(...b.value.warnings);
  }
  return { ok: true, value, warnings };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function settle<T>(p: Promise<Parsed<T>>): Promise<Part<T>> {
  try {
    return toPart(await p);
  } catch (e) {
    return fail(e);
  }
}

export function createLinuxPlatform(runner: CommandRunner, opts: LinuxPlatformOptions = {}): Platform {
  const readFile: ReadFile = opts.readFile ?? ((path) => fsReadFile(path, "utf8"));
  const isRoot = opts.isRoot ?? process.getuid?.() === 0;
  const host = opts.hostname ?? osHostname();

  return {
    id: "linux",
    os: "linux",
    collector: "iproute2",
    changeArgv: (change, interfaces) => linuxChangeArgv(change, interfaces),

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
