// Windows without the NetTCPIP cmdlets (XP, Server 2003/2008, or PowerShell 2): the
// classic tools, joined. route print gives routes and card indexes, ipconfig /all
// gives names and addresses, netstat -ano the connections.
import type { NetInterface, RouteChange, Snapshot } from "../../core/model.js";
import type { CommandRunner } from "../exec/runner-types.js";
import { assembleSnapshot } from "../parts/assemble.js";
import { sourceOf as sourceWithHint } from "../parts/part.js";
import type { CollectOptions, Platform } from "../platform.js";
import { SameAnswer } from "../same-answer.js";
import { systemPortOf } from "../services.js";
import { classicInterfacesPart, netstatPart, routePrintPart } from "./classic-parts.js";
import { routeExeArgv } from "./route-argv.js";

export const ROUTE_PRINT = ["route", "print"];
/** The neighbour (ARP) table of every card, for the guided fix. */
export const ARP_A = ["arp", "-a"];
export const NETSTAT_ANO = ["netstat", "-ano"];
export const IPCONFIG_ALL = ["ipconfig", "/all"];
export const TASKLIST = ["tasklist", "/fo", "csv", "/nh"];

export interface WindowsPlatformOptions {
  hostname?: string;
  /** Epoch ms; injectable for tests. */
  clock?: () => number;
}

const ELEVATE_HINT = "run dualhome from an elevated console (Run as administrator)";

/** Runs a command and keeps either its output or the reason it has none. */
export function sourceOf(runner: CommandRunner, argv: string[], signal?: AbortSignal) {
  return sourceWithHint(runner, argv, ELEVATE_HINT, signal);
}

export function createClassicWindowsPlatform(
  runner: CommandRunner,
  opts: WindowsPlatformOptions = {},
): Platform {
  const clock = opts.clock ?? Date.now;
  const same = new SameAnswer();
  return {
    id: "windows",
    os: "windows",
    collector: "classic",
    async collect(c: CollectOptions = {}): Promise<Snapshot> {
      const [routePrint, ipconfig, netstat, tasklist] = await Promise.all([
        sourceOf(runner, ROUTE_PRINT, c.signal),
        sourceOf(runner, IPCONFIG_ALL, c.signal),
        sourceOf(runner, NETSTAT_ANO, c.signal),
        c.processNames ? sourceOf(runner, TASKLIST, c.signal) : Promise.resolve(undefined),
      ]);
      const text = JSON.stringify([routePrint, ipconfig, netstat, tasklist ?? null]);
      const takenAt = clock();
      return same.take(text, takenAt, () => {
        const { host, ...interfaces } = classicInterfacesPart(ipconfig, routePrint);
        return assembleSnapshot(
          {
            platform: "windows",
            os: "windows",
            host: opts.hostname ?? host ?? "",
            collector: "classic",
            takenAt,
          },
          interfaces,
          routePrintPart(routePrint),
          netstatPart(netstat, tasklist, systemPortOf),
        );
      });
    },
    changeArgv(change: RouteChange, interfaces: NetInterface[]): string[] {
      return routeExeArgv(change, interfaces);
    },
  };
}
