// Before anything runs: validate the change against the host's cards and table,
// render the exact argv (and its inverse, for rollback and undo), simulate it
// against the live flows, and say whether it will survive a reboot.
import { type ImpactRow, impactOf } from "../../core/impact.js";
import { type ChangedWays, changedWays } from "../../core/impact-ways.js";
import { contains } from "../../core/ip.js";
import type { Analysis, Route, RouteChange } from "../../core/model.js";
import { inTable } from "../../core/plan.js";
import { inverseOf } from "../../core/revert-inverse.js";
import { ValidationError, type ValidChange, validateChange } from "../../core/route-change.js";
import type { PersistencePlan } from "../../system/parts/persistence-plan.js";
import type { Platform } from "../../system/platform.js";
import { persistenceOf } from "./persistence.js";

import { describeRoute, matchingRoutes } from "./verify.js";

export interface PreparedChange {
  /** The change as it will run: canonical, and for a delete completed from the table. */
  change: RouteChange;
  /** Exactly what apply() runs, in this order. */
  argv: string[];
  /** Undoes `argv`; journaled before the change runs, used by the watchdog and undo. */
  revertArgv: string[];
  /** NetworkManager: writes the change to the card's connection, run right after `argv`. */
  persistArgv: string[] | null;
  persistRevertArgv: string[] | null;
  /** Flows that would move to another card or gateway; the operator's own session first. */
  impact: ImpactRow[];
  /** Where new connections to the prefix, and the stuck connects once retried, will leave. */
  ways: ChangedWays;
  /** The operator's own session (SSH_CONNECTION, RDP) is among the moved flows: say it loudly. */
  operatorAffected: boolean;
  persistent: boolean;
  persistenceNote: string;
  /** Lines to add to a configuration file by hand (netplan, networkd, ifupdown). */
  persistenceSnippet?: string;
  warnings: string[];
  /** Why apply() will refuse (read-only, not privileged), for the confirmation to show; null if it will run. */
  refusal: string | null;
}

interface PrepareContext {
  platform: Platform;
  env: Readonly<Record<string, string | undefined>>;
  persistence?: ((v: ValidChange) => Promise<PersistencePlan>) | undefined;
  liveOnly?: string | null | undefined;
}

function completeDelete(
  v: ValidChange,
  c: RouteChange,
  routes: Route[],
  p: Platform,
): { change: RouteChange; gone: Route; warnings: string[] } {
  const hits = matchingRoutes(routes, c, p.os).sort((a, b) => a.metric - b.metric);
  const gone = hits[0];
  if (!gone) {
    const others = routes.filter((r) => inTable(r, c.table) && r.destination === v.destination);
    const hint = others.length ? ` (the table has ${others.map(describeRoute).join("; ")})` : "";
    throw new ValidationError(
      `no route ${describeChangeShort(c)} in the table: nothing to delete${hint}`,
      "destination",
    );
  }
  if (gone.type !== "unicast")
    throw new ValidationError(
      `${v.destination} is a ${gone.type} route: dualhome deletes unicast routes only`,
      "destination",
    );
  const warnings =
    hits.length > 1
      ? [`${hits.length} routes match; this deletes ${describeRoute(gone)} (give --via and --dev to choose)`]
      : [];
  const metric = p.os === "linux" ? gone.metric : c.metric;
  const change: RouteChange = {
    ...c,
    gateway: gone.gateway,
    interface: gone.interface,
    ...(metric !== undefined ? { metric } : {}),
  };
  return { change, gone, warnings };
}

function describeChangeShort(c: RouteChange): string {
  return `${c.destination}${c.gateway ? ` via ${c.gateway}` : ""}${c.interface ? ` dev ${c.interface}` : ""}`;
}

function warningsFor(v: ValidChange): string[] {
  const out: string[] = [];
  if (v.iface && !v.iface.up)
    out.push(`card ${v.iface.name} is down: the route will not carry traffic until it is up`);
  const gw = v.gateway;
  if (
    v.action === "add" &&
    gw &&
    v.iface &&
    !v.iface.addresses.some((a) => contains(`${a.address}/${a.prefixLen}`, gw))
  )
    out.push(`gateway ${gw} is not on a subnet of ${v.iface.name}: the system may refuse the route`);
  return out;
}

/** Validates and renders a change; throws ValidationError for anything that must not run. */
export async function prepareChange(
  ctx: PrepareContext,
  input: RouteChange,
  analysis: Analysis,
): Promise<Omit<PreparedChange, "refusal">> {
  const p = ctx.platform;
  const changeArgv = p.changeArgv;
  if (!changeArgv)
    throw new ValidationError(
      `route changes are not available on ${p.id}: dualhome is read-only there`,
      "platform",
    );
  const snap = analysis.snapshot;
  if (!snap.interfaces.ok)
    throw new ValidationError(
      `cannot check the card: reading this host's cards failed: ${snap.interfaces.error}`,
      "interface",
    );
  // Before the card check: a host whose table cannot be read (no route.exe) has no card
  // list either, and "no card eth0" would hide the reason.
  if (!snap.routes.ok)
    throw new ValidationError(`cannot read the routing table: ${snap.routes.error}`, "destination");
  const cards = snap.interfaces.value;
  const v = validateChange(input, cards);
  if (v.table !== null && p.os !== "linux")
    throw new ValidationError(`table ${v.table}: only Linux has routing tables besides main`, "table");
  let change: RouteChange = {
    action: v.action,
    destination: v.destination,
    gateway: v.gateway,
    interface: v.iface?.name ?? null,
    ...(v.metric !== undefined ? { metric: v.metric } : {}),
    persistent: v.persistent,
    ...(v.table !== null ? { table: v.table } : {}),
  };
  const routes = snap.routes.value;
  const warnings = warningsFor(v);
  let gone: Route | undefined;
  if (change.action === "delete") {
    const done = completeDelete(v, change, routes, p);
    change = done.change;
    gone = done.gone;
    warnings.push(...done.warnings);
  } else {
    const twin = matchingRoutes(routes, change, p.os).find((r) => r.gateway === change.gateway);
    if (twin)
      throw new ValidationError(
        `${describeRoute(twin)} is already in the table: nothing to add`,
        "destination",
      );
  }
  const argv = changeArgv(change, cards);
  const revertArgv = changeArgv(inverseOf(change, gone, cards), cards);
  const plan = await persistenceOf(ctx, validateChange(change, cards), change, argv);
  const impact = impactOf(analysis, [change], { sshConnection: ctx.env.SSH_CONNECTION ?? null });
  return {
    change,
    argv,
    revertArgv,
    persistArgv: plan.argv,
    persistRevertArgv: plan.revertArgv,
    impact,
    ways: changedWays(analysis, [change]),
    operatorAffected: impact.some((r) => r.operatorSession),
    persistent: plan.persistent,
    persistenceNote: plan.note,
    ...(plan.snippet !== undefined ? { persistenceSnippet: plan.snippet } : {}),
    warnings,
  };
}
