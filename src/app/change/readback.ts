// The route as the kernel holds it, read around a change (Linux): before a delete,
// the whole route, so its revert can restore it faithfully (or the delete is refused
// up front); after an add, the route the kernel made, so its revert removes exactly
// it. After a command failed or timed out, the same read says what really happened.

import { errorText } from "../../core/errors.js";
import type { RouteChange } from "../../core/model.js";
import { CommandError } from "../../system/exec/runner-types.js";
import type { KernelRoute } from "../../system/parts/exact-route.js";
import type { Platform } from "../../system/platform.js";
import type { Recheck } from "./run-journaled.js";
import { formatArgv } from "./text.js";
import { verifyOnHost } from "./verify.js";

/** `ip -json route show table T exact P`, each route a record or why it cannot be restored. */
type RouteReader = (family: 4 | 6, table: string, dst: string) => Promise<(KernelRoute | string)[]>;

/** The kernel's own routes, where the backend can read them exactly (Linux): wired in by change/wiring.ts. */
export interface ExactRoutes {
  read: RouteReader;
  /** The argv that adds `route` back exactly as the kernel showed it. */
  restoreArgv(route: KernelRoute): string[];
}

function readOf(read: RouteReader, c: RouteChange) {
  return read(c.destination.includes(":") ? 6 : 4, c.table ?? "main", c.destination);
}

/** The change's own route among those read (a multipath route is named by its first hop). */
function isOwn(r: KernelRoute, c: RouteChange): boolean {
  const h = r.hops[0];
  return (
    (h?.gateway ?? null) === c.gateway &&
    (c.interface === null || h?.dev === c.interface) &&
    (c.metric === undefined || r.metric === c.metric)
  );
}

/** Before a delete: the route it removes, or why the delete is refused (nothing has run). */
export async function routeBefore(
  read: RouteReader,
  c: RouteChange,
): Promise<KernelRoute | { refusal: string }> {
  let routes: (KernelRoute | string)[];
  try {
    routes = await readOf(read, c);
  } catch (e) {
    return {
      refusal: `cannot read ${c.destination} from the kernel before deleting it, so nothing was changed: ${errorText(e)}`,
    };
  }
  const own = routes.filter((r): r is KernelRoute => typeof r !== "string" && isOwn(r, c));
  if (own[0]) return own[0];
  const odd = routes.find((r): r is string => typeof r === "string");
  if (odd)
    return {
      refusal: `refused: ${c.destination} could not be restored after deleting it (${odd}), so nothing was changed`,
    };
  return {
    refusal: `the kernel shows no ${c.destination} route as the table listed it: nothing was changed (look again)`,
  };
}

/** After an add: the route the kernel made, or null when it is not (or no longer) there. */
export async function routeAfter(read: RouteReader, c: RouteChange): Promise<KernelRoute | null> {
  try {
    const routes = await readOf(read, c);
    return routes.find((r): r is KernelRoute => typeof r !== "string" && isOwn(r, c)) ?? null;
  } catch {
    return null;
  }
}

/** For a delete's confirmation: the revert that will really run (the whole route), why it is refused, or null. */
export async function faithfulRevert(
  exact: ExactRoutes,
  p: { change: RouteChange },
): Promise<string[] | string | null> {
  if (p.change.action !== "delete") return null;
  const before = await routeBefore(exact.read, p.change);
  return "refusal" in before ? before.refusal : exact.restoreArgv(before);
}

/** After the change's command threw: only a timeout leaves the outcome open (an exit code is the kernel's own no). */
export function appliedAnyway(
  platform: Platform,
  p: { change: RouteChange; argv: string[] },
  after: () => Promise<KernelRoute | null>,
): Recheck {
  return async (e) => {
    if (!(e instanceof CommandError && e.kind === "timeout")) return null;
    if ((await verifyOnHost(platform, p.change, p.change.action === "add")) !== null) return null;
    const route = await after();
    const why = `${formatArgv(p.argv)} reported an error (${errorText(e)}), but the table shows the change applied`;
    return { persisted: false, warnings: [why], ...(route ? { route } : {}) };
  };
}
