// What a revert runs, rebuilt from the journal's typed records and never taken
// from its argv: the change is validated as the CLI validates input, its argv is
// built again and must equal what the journal says ran (otherwise the record is
// forged and nothing runs), and the revert comes from the route as the kernel
// reported it, with the check that exactly that route is (or is not) in the table.

import { errorText } from "../../core/errors.js";
import type { NetInterface, RouteChange } from "../../core/model.js";
import { inverseOf } from "../../core/revert-inverse.js";
import { validateChange } from "../../core/route-change.js";
import { sameItems } from "../../core/same-data.js";
import { routeProblem, validIfName } from "../linux/kernel-route.js";
import { kernelRouteArgv } from "../linux/kernel-route-argv.js";
import { linuxChangeArgv } from "../linux/linux-commands.js";
import type { KernelRoute } from "../parts/exact-route.js";
import { powershellRouteArgv, routeExeArgv } from "../windows/route-argv.js";
import type { WindowsRouteKey } from "../windows/route-check.js";
import { extraReverts } from "./extra-revert.js";
import type { IntentRecord, ResultRecord } from "./journal.js";
import { persistRevertOf } from "./persist-revert.js";

/** Before running: "present": exactly this route must be in the table; "absent": nothing may sit in its place. */
type RevertCheck =
  | { want: "present" | "absent"; route: KernelRoute }
  | { want: "present" | "absent"; windows: WindowsRouteKey };

export interface RevertStep {
  argv: string[];
  check?: RevertCheck;
}

export type RevertPlan =
  | { ok: true; steps: RevertStep[]; persist: string[] | null }
  | { ok: false; reason: string };

type Builder = (c: RouteChange, cards: NetInterface[]) => string[];

/** The card the journal names, as validateChange needs it; Windows argv carry its index. */
function cardsOf(i: IntentRecord, linux: boolean): NetInterface[] | string {
  const name = i.change?.interface;
  if (name === null || name === undefined || name === "") return [];
  if (linux)
    return validIfName(name)
      ? [{ index: 0, name, addresses: [], up: true }]
      : `card name "${name}" is not valid`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\x00-\x1f\x7f]/.test(name) || name.length > 256) return "the card name holds control characters";
  const words = [...i.argv, ...i.revertArgv];
  const at = words.findIndex((w) => w === "IF" || w === "-InterfaceIndex");
  const index = at >= 0 ? (words[at + 1] ?? "") : "";
  return [{ index: /^\d{1,10}$/.test(index) ? Number(index) : 0, name, addresses: [], up: true }];
}

/** Metrics a Windows revert may carry: the change's, or the route's own part read from the table when it was deleted. */
function windowsCandidates(build: Builder, i: IntentRecord, cards: NetInterface[]): string[][] {
  const inv = inverseOf(i.change as RouteChange);
  const at = i.revertArgv.findIndex((w) => w === "metric" || w === "-RouteMetric");
  const journaled = at >= 0 ? Number(i.revertArgv[at + 1]) : Number.NaN;
  const out: string[][] = [];
  for (const metric of [inv.metric, ...(Number.isInteger(journaled) ? [journaled] : [])])
    for (const persistent of [false, true]) {
      const { metric: _, ...rest } = inv;
      try {
        out.push(build({ ...rest, persistent, ...(metric !== undefined ? { metric } : {}) }, cards));
      } catch {
        // a candidate that does not validate is no candidate
      }
    }
  return out;
}

/** The kernel route must be the change's own: same prefix, table, next hop and metric. */
function routeAgrees(r: KernelRoute, c: RouteChange): string | null {
  const bad = routeProblem(r);
  if (bad) return bad;
  if (r.dst !== c.destination) return `the journaled route is for ${r.dst}, the change for ${c.destination}`;
  if (r.table !== (c.table ?? "main"))
    return `the journaled route is in table ${r.table}, the change in ${c.table ?? "main"}`;
  if (c.metric !== undefined && r.metric !== c.metric)
    return "the journaled route's metric is not the change's";
  const h = r.hops[0];
  // A multipath route is named by its first hop, as the table shows it.
  if ((h?.gateway ?? null) !== c.gateway) return "the journaled route's gateway is not the change's";
  if (c.interface !== null && h?.dev !== c.interface) return "the journaled route's card is not the change's";
  // What `ip route add` makes is all but fixed by the change: a record claiming more would aim at another route.
  const plain = r.protocol === "boot" && !r.multipath && r.prefsrc === undefined && r.metrics === undefined;
  const metric = c.metric ?? (r.family === 4 ? 0 : 1024);
  if (c.action === "add" && (!plain || r.metric !== metric))
    return "the journaled route is not one this add makes";
  return null;
}

/** The route `ip route add P via G dev D [metric M] [table T]` makes: proto boot, the family's default metric. */
function expectedAdd(c: RouteChange): KernelRoute | null {
  if (c.interface === null) return null; // the kernel chose the card: no exact route to expect
  const family = c.destination.includes(":") ? 6 : 4;
  return {
    family,
    dst: c.destination,
    table: c.table ?? "main",
    protocol: "boot",
    scope: family === 4 && c.gateway === null ? "link" : "global",
    metric: c.metric ?? (family === 4 ? 0 : 1024),
    ...(family === 6 ? { pref: "medium" } : {}),
    hops: [{ ...(c.gateway ? { gateway: c.gateway } : {}), dev: c.interface }],
    multipath: false,
  };
}

/** Windows names a route by prefix, next hop and card: the revert checks those in the table first. */
function windowsCheck(c: RouteChange, cards: NetInterface[], argv: string[]): RevertCheck {
  const index = cards[0]?.index ?? 0;
  return {
    want: c.action === "add" ? "present" : "absent",
    windows: {
      family: c.destination.includes(":") ? 6 : 4,
      destination: c.destination,
      gateway: c.gateway ?? null,
      ifIndex: index > 0 ? index : null,
      ...(c.action === "add" && c.metric !== undefined ? { metric: c.metric } : {}),
      narrow: argv.includes("IF") || argv.includes("-InterfaceIndex"),
    },
  };
}

function routePlan(i: IntentRecord, result: ResultRecord | null): RevertPlan {
  const c = i.change as RouteChange;
  const tool = i.argv[0];
  const linux = tool === "ip";
  const build: Builder | null = linux
    ? linuxChangeArgv
    : tool === "route"
      ? routeExeArgv
      : tool === "powershell.exe"
        ? powershellRouteArgv
        : null;
  if (!build)
    return { ok: false, reason: `the journaled command ${JSON.stringify(tool)} is not one dualhome makes` };
  const cards = cardsOf(i, linux);
  if (typeof cards === "string") return { ok: false, reason: cards };
  let argv: string[];
  try {
    const v = validateChange(c, cards);
    if (v.destination !== c.destination || v.gateway !== (c.gateway || null))
      return { ok: false, reason: "the journaled change is not in canonical form" };
    argv = build(c, cards);
  } catch (e) {
    return { ok: false, reason: `the journaled change does not validate: ${errorText(e)}` };
  }
  if (!sameItems(argv, i.argv))
    return { ok: false, reason: "the journaled command is not the one the change makes" };
  // Without a journaled route (an older journal, or the read after the add failed), an add is
  // expected as `ip route add` makes it: the revert still removes only exactly that route.
  const record = c.action === "add" ? (result?.route ?? (linux ? expectedAdd(c) : null)) : i.route;
  let steps: RevertStep[];
  if (linux && record) {
    const why = routeAgrees(record, c);
    if (why) return { ok: false, reason: why };
    const step: RevertStep =
      c.action === "add"
        ? { argv: kernelRouteArgv("del", record), check: { want: "present", route: record } }
        : { argv: kernelRouteArgv("add", record), check: { want: "absent", route: record } };
    const plain = (() => {
      try {
        return build(inverseOf(c), cards);
      } catch {
        return null;
      }
    })();
    if (!sameItems(i.revertArgv, step.argv) && !(plain && sameItems(i.revertArgv, plain)))
      return { ok: false, reason: "the journaled revert is not the inverse of the change" };
    steps = [step];
  } else {
    const candidates = linux ? [build(inverseOf(c), cards)] : windowsCandidates(build, i, cards);
    const hit = candidates.find((k) => sameItems(k, i.revertArgv));
    if (!hit) return { ok: false, reason: "the journaled revert is not the inverse of the change" };
    steps = [linux ? { argv: hit } : { argv: hit, check: windowsCheck(c, cards, hit) }];
  }
  const persist = persistRevertOf(i, c);
  if (typeof persist === "string") return { ok: false, reason: persist };
  return { ok: true, steps, persist };
}

/** The revert of an intent, rebuilt and checked; `ok: false` says why nothing may run. */
export function planRevert(i: IntentRecord, result: ResultRecord | null): RevertPlan {
  if (i.change && i.extra) return { ok: false, reason: "the journaled change is both a route and an extra" };
  if (i.change) return routePlan(i, result);
  if (!i.extra) return { ok: false, reason: "the journaled change has nothing to revert" };
  const reverts = extraReverts(i);
  if (typeof reverts === "string") return { ok: false, reason: reverts };
  return { ok: true, steps: reverts.map((argv) => ({ argv })), persist: null };
}
