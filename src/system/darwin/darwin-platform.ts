// macOS, read-only: netstat for routes and sockets, ifconfig for the cards. Changing
// routes on macOS is not offered (no changeArgv), so the app shows it read-only.
import type { Snapshot } from "../../core/model.js";
import type { CollectOptions, Platform } from "../platform.js";
import type { CommandRunner } from "../runner-types.js";
import { assembleSnapshot } from "../windows/assemble.js";
import type { Source } from "../windows/classic-parts.js";
import { sourceOf } from "../windows/classic-platform.js";
import { darwinConnectionsPart, darwinInterfacesPart, darwinRoutesPart } from "./darwin-parts.js";

export const NETSTAT_RN = ["netstat", "-rn"];
export const IFCONFIG = ["ifconfig", "-a"];
/** -W: do not cut long IPv6 addresses; -v: the owning pid. */
export const NETSTAT_TCP = ["netstat", "-anvW", "-p", "tcp"];
export const NETSTAT_UDP = ["netstat", "-anvW", "-p", "udp"];
const withoutW = (argv: string[]) => argv.map((a) => (a === "-anvW" ? "-anv" : a));

export interface DarwinPlatformOptions {
  hostname?: string;
  clock?: () => number;
}

export function createDarwinPlatform(runner: CommandRunner, opts: DarwinPlatformOptions = {}): Platform {
  const clock = opts.clock ?? Date.now;
  let wide = true;
  const sockets = async (argv: string[], signal?: AbortSignal): Promise<Source> => {
    if (wide) {
      const s = await sourceOf(runner, argv, signal);
      if (s.ok || !/illegal option|usage/i.test(s.error)) return s;
      wide = false; // an older netstat without -W
    }
    return sourceOf(runner, withoutW(argv), signal);
  };
  return {
    id: "darwin",
    os: "darwin",
    collector: "netstat",
    async collect(c: CollectOptions = {}): Promise<Snapshot> {
      const [rn, ifc, tcp, udp] = await Promise.all([
        sourceOf(runner, NETSTAT_RN, c.signal),
        sourceOf(runner, IFCONFIG, c.signal),
        sockets(NETSTAT_TCP, c.signal),
        sockets(NETSTAT_UDP, c.signal),
      ]);
      return assembleSnapshot(
        {
          platform: "darwin",
          os: "darwin",
          host: opts.hostname ?? "",
          collector: "netstat",
          takenAt: clock(),
        },
        darwinInterfacesPart(ifc, rn),
        darwinRoutesPart(rn),
        darwinConnectionsPart([tcp, udp]),
      );
    },
  };
}
