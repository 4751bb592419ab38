// Windows without the NetTCPIP cmdlets (XP, Server 2003/2008, or PowerShell 2): the
// classic tools, joined. route print gives routes and card indexes, ipconfig /all
// gives names and addresses, netstat -ano the connections.
import type { NetInterface, RouteChange, Snapshot } from "../../core/model.js";
import type { CollectOptions, Platform } from "../platform.js";
import { CommandError, type CommandRunner } from "../runner-types.js";
import { SameAnswer } from "../same-answer.js";
import { systemPortOf } from "../services.js";
import { assembleSnapshot } from "./assemble.js";
import { classicInterfacesPart, netstatPart, routePrintPart, type Source } from "./classic-parts.js";
import { routeExeArgv } from "./route-argv.js";

export const ROUTE_PRINT = ["route", "print"];
export const NETSTAT_ANO = ["netstat", "-ano"];
export const IPCONFIG_ALL = ["ipconfig", "/all"];
export const TASKLIST = ["tasklist", "/fo", "csv", "/nh"];

export interface WindowsPlatformOptions {
  hostname?: string;
  /** Epoch ms; injectable for tests. */
  clock?: () => number;
}

/** Runs a command and keeps either its output or the reason it has none. */
export async function sourceOf(runner: CommandRunner, argv: string[], signal?: AbortSignal): Promise<Source> {
  try {
    const r = await runner.run(argv, signal ? { signal } : {});
    return { ok: true, value: r.stdout };
  } catch (e) {
    if (e instanceof CommandError) {
      const hint =
        e.kind === "permission" ? "run dualhome from an elevated console (Run as administrator)" : undefined;
      return hint ? { ok: false, error: e.message, hint } : { ok: false, error: e.message };
    }
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
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
