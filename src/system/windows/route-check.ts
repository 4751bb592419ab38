// Before a Windows revert runs: is exactly the route dualhome added still there (or
// the place of the one it deleted still free)? Windows names a route by its prefix,
// next hop and card index, so that is what must match, with the metric when the
// change set one. route.exe's delete names no card: when the same prefix and next
// hop sit on another card too, it would remove both, so the revert is refused.
import type { Family } from "../../core/model.js";
import type { CommandRunner } from "../exec/runner-types.js";
import { type NetshRoute, netshRouteArgv, parseNetshRoutes } from "./netsh-routes.js";

export interface WindowsRouteKey {
  family: Family;
  destination: string;
  gateway: string | null;
  /** null when the journal does not name the card: any card matches. */
  ifIndex: number | null;
  metric?: number;
  /** The revert's argv names the card (IF n, -InterfaceIndex n). */
  narrow: boolean;
}

type Want = "present" | "absent";

const HEAD = "changed since: not reverted:";

function describeWindowsRoute(r: Pick<NetshRoute, "destination" | "gateway"> & Partial<NetshRoute>) {
  const via = r.gateway === null ? "on-link" : `via ${r.gateway}`;
  const card = r.ifIndex === undefined ? "" : ` IF ${r.ifIndex}`;
  const metric = r.metric === undefined ? "" : ` metric ${r.metric}`;
  return `${r.destination} ${via}${card}${metric}`;
}

async function routesAt(runner: CommandRunner, key: WindowsRouteKey): Promise<NetshRoute[]> {
  const { stdout } = await runner.run(netshRouteArgv(key.family));
  return parseNetshRoutes(stdout).filter((r) => r.destination === key.destination);
}

const sameHop = (key: WindowsRouteKey, r: NetshRoute) => r.gateway === key.gateway;
const sameCard = (key: WindowsRouteKey, r: NetshRoute) => key.ifIndex === null || r.ifIndex === key.ifIndex;

/** null when the table lets the step run; else one line that says why not. */
export async function windowsTableVerdict(
  runner: CommandRunner,
  want: Want,
  key: WindowsRouteKey,
): Promise<string | null> {
  const now = await routesAt(runner, key);
  const mine = now.filter((r) => sameHop(key, r) && sameCard(key, r));
  if (want === "absent") {
    const back = mine[0];
    return back ? `${HEAD} ${describeWindowsRoute(back)} is back in the table already` : null;
  }
  const { ifIndex, ...rest } = key;
  const ours = describeWindowsRoute(ifIndex === null ? rest : { ...rest, ifIndex });
  if (now.length === 0) return `${HEAD} ${key.destination} is no longer in the table`;
  const first = mine[0];
  if (!first) {
    const other = now[0] as NetshRoute;
    return `${HEAD} the table has ${describeWindowsRoute(other)}, not ${ours} that dualhome added`;
  }
  if (mine.length > 1)
    return `${HEAD} ${mine.length} routes match ${ours} (cards ${mine.map((r) => r.ifIndex).join(", ")}): the journal does not say which one dualhome added`;
  if (key.metric !== undefined && first.metric !== key.metric)
    return `${HEAD} the table has ${describeWindowsRoute(first)} (metric ${first.metric} instead of ${key.metric}), not the route dualhome added`;
  const alike = now.filter((r) => r !== first && sameHop(key, r));
  if (!key.narrow && alike.length > 0)
    return `${HEAD} ${describeWindowsRoute(alike[0] as NetshRoute)} is in the table too, and route delete would remove it with ours`;
  return null;
}

/** After a step failed or timed out: did Windows do it anyway? */
export async function windowsDoneAnyway(runner: CommandRunner, want: Want, key: WindowsRouteKey) {
  const there = (await routesAt(runner, key)).some((r) => sameHop(key, r) && sameCard(key, r));
  return want === "present" ? !there : there;
}
