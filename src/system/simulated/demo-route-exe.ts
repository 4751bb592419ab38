// route.exe on the simulated server: the change runner's argv (the same one the
// confirmation shows) is read back into a change and applied to the demo's
// table, with route.exe's own words when it fails. Nothing else runs.
import { maskToLen, parseIfIndex } from "../../core/ip.js";
import type { NetInterface, RouteChange } from "../../core/model.js";
import { CommandError, type CommandRunner } from "../runner-types.js";

export interface DemoRouteTarget {
  applyChange(change: RouteChange): void;
}

function fail(argv: readonly string[], message: string): CommandError {
  return new CommandError(message, "failed", argv, message, 1);
}

/** `route add|delete <net> mask <mask> [<gw>] [metric N] [IF n] [-p]` → a change. */
export function changeOfRouteExe(argv: readonly string[], interfaces: readonly NetInterface[]): RouteChange {
  const [cmd, verb, net, maskWord, mask, ...rest] = argv;
  const len = mask ? maskToLen(mask) : null;
  if (cmd !== "route" || (verb !== "add" && verb !== "delete") || !net || maskWord !== "mask" || len === null)
    throw fail(argv, `the demo host runs route add|delete only, not: ${argv.join(" ")}`);
  let gateway: string | null = null;
  let metric: number | undefined;
  let card: string | null = null;
  let persistent = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    const next = rest[i + 1];
    if (a === "-p") persistent = true;
    else if (a.toLowerCase() === "metric" && next) {
      metric = Number(next);
      i++;
    } else if (a === "IF" && next) {
      const idx = parseIfIndex(next);
      card = interfaces.find((c) => c.index === idx)?.name ?? null;
      if (!card) throw fail(argv, "The route addition failed: the interface index is not valid.");
      i++;
    } else if (gateway === null) gateway = a === "0.0.0.0" ? null : a;
    else throw fail(argv, `route: bad argument ${a}`);
  }
  return {
    action: verb,
    destination: `${net}/${len}`,
    gateway,
    interface: card,
    ...(metric !== undefined ? { metric } : {}),
    persistent,
  };
}

export function demoRouteExeRunner(
  demo: DemoRouteTarget,
  interfaces: readonly NetInterface[],
): CommandRunner {
  return {
    async run(argv) {
      const change = changeOfRouteExe(argv, interfaces);
      try {
        demo.applyChange(change);
      } catch (e) {
        throw fail(argv, e instanceof Error ? e.message : String(e));
      }
      return { stdout: " OK!\r\n", stderr: "", exitCode: 0 };
    },
  };
}
