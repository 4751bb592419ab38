// route.exe on the simulated server: the change runner's argv (the same one the
// confirmation shows) is read back into a change and applied to the demo's
// table, with route.exe's own words when it fails. A revert's look at the table
// (`netsh interface ipv4 show route`) is answered from the same table. Nothing else runs.

import { errorText } from "../../core/errors.js";
import { maskToLen, parseIfIndex } from "../../core/ip.js";
import type { NetInterface, Route, RouteChange } from "../../core/model.js";
import { sameItems } from "../../core/same-data.js";
import { CommandError, type CommandRunner } from "../exec/runner-types.js";
import { netshRouteArgv } from "../windows/netsh-routes.js";

interface DemoRouteTarget {
  applyChange(change: RouteChange): void;
  routesNow(): Route[];
}

/** The table as netsh prints it: the route's own metric (the demo keeps route print's sum) and the card's index. */
function demoNetshText(routes: readonly Route[], interfaces: readonly NetInterface[], family: 4 | 6) {
  const lines = [
    "",
    "Publish  Type      Met  Prefix                    Idx  Gateway/Interface Name",
    "-------  --------  ---  ------------------------  ---  ------------------------",
  ];
  for (const r of routes) {
    const card = interfaces.find((c) => c.name === r.interface);
    if (r.family !== family || !card) continue;
    const metric = Math.max(0, r.metric - (card.metric ?? 0));
    const hop = r.gateway ?? card.name;
    lines.push(
      `No       Manual    ${String(metric).padEnd(4)} ${r.destination.padEnd(25)} ${String(card.index).padStart(3)}  ${hop}`,
    );
  }
  return `${lines.join("\r\n")}\r\n`;
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
      for (const family of [4, 6] as const)
        if (sameItems(argv, netshRouteArgv(family)))
          return { stdout: demoNetshText(demo.routesNow(), interfaces, family), stderr: "", exitCode: 0 };
      const change = changeOfRouteExe(argv, interfaces);
      try {
        demo.applyChange(change);
      } catch (e) {
        throw fail(argv, errorText(e));
      }
      return { stdout: " OK!\r\n", stderr: "", exitCode: 0 };
    },
  };
}
