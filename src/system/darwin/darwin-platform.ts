// macOS, read-only: netstat for routes and sockets, ifconfig for the cards. Changing
// routes on macOS is not offered (no changeArgv), so the app shows it read-only.
import type { Snapshot } from "../../core/model.js";
import type { CommandRunner } from "../exec/runner-types.js";
import { assembleSnapshot } from "../parts/assemble.js";
import { type Source, sourceOf } from "../parts/part.js";
import type { CollectOptions, Platform } from "../platform.js";
import { darwinConnectionsPart, darwinInterfacesPart, darwinRoutesPart } from "./darwin-parts.js";

export const NETSTAT_RN = ["netstat", "-rn"];
export const IFCONFIG = ["ifconfig", "-a"];
/** -W: do not cut long IPv6 addresses; -v: the owning pid. */
export const NETSTAT_TCP = ["netstat", "-anvW", "-p", "tcp"];
export const NETSTAT_UDP = ["netstat", "-anvW", "-p", "udp"];
/** netstat on macOS lists other users' sockets without pids unless run as root. */
const SUDO_HINT = "run dualhome with sudo";
const withoutW = (argv: string[]) => argv.map((a) => (a === "-anvW" ? "-anv" : a));

interface DarwinPlatformOptions {
  hostname?: string;
  clock?: () => number;
}

export function createDarwinPlatform(runner: CommandRunner, opts: DarwinPlatformOptions = {}): Platform {
  const clock = opts.clock ?? Date.now;
  let wide = true;
  const sockets = async (argv: string[], signal?: AbortSignal): Promise<Source> => {
    if (wide) {
      const s = await sourceOf(runner, argv, SUDO_HINT, signal);
      if (s.ok || !/illegal option|usage/i.test(s.error)) return s;
      wide = false; // an older netstat without -W
    }
    return sourceOf(runner, withoutW(argv), SUDO_HINT, signal);
  };
  return {
    id: "darwin",
    os: "darwin",
    collector: "netstat",
    async collect(c: CollectOptions = {}): Promise<Snapshot> {
      const [rn, ifc, tcp, udp] = await Promise.all([
        sourceOf(runner, NETSTAT_RN, SUDO_HINT, c.signal),
        sourceOf(runner, IFCONFIG, SUDO_HINT, c.signal),
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
