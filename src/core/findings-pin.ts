// Fix plans for wrong-nic-route findings, cheap at a million routes: planPin
// scans the whole table, which must not happen on every poll.

import { appendAll } from "./append-all.js";
import type { FindingContext } from "./findings-context.js";
import { parsePrefix } from "./ip.js";
import type { NetInterface, Route, RouteChange } from "./model.js";
import { type PinTarget, planPin } from "./plan.js";

/**
 * planPin scans the whole table; at a million routes that must not happen on
 * every poll. Memoised per table and card list (collectors that keep an
 * unchanged table as the same array make this a hit), keyed by the target.
 */
const pins = new WeakMap<readonly Route[], WeakMap<readonly NetInterface[], Map<string, RouteChange[]>>>();

/**
 * The routes inside `prefix` in the table the fix goes into, in table order: all planPin ever looks at, so
 * planning on them is planning on the whole table. Found through the index's
 * tries instead of parsing every route of a big table.
 */
function routesWithin(ctx: FindingContext, prefix: string, table: string | undefined): readonly Route[] {
  const p = parsePrefix(prefix);
  // The Windows index leaves out a down card's routes: there the table itself will do.
  if (ctx.routes.length < 4096 || !p || ctx.os === "windows") return ctx.routes;
  const names = table ? [table] : ctx.os === "linux" ? ["main", ""] : ["main"];
  const found: Route[] = [];
  for (const name of names) {
    const t = ctx.index.tables.get(name);
    if (t) appendAll(found, (p.addr.family === 4 ? t.v4 : t.v6).within(p));
  }
  // An index updated in place may hold an equal older object: then the table itself will do.
  const at = positionsIn(ctx.routes);
  if (found.some((r) => !at.has(r))) return ctx.routes;
  return found.sort((a, b) => (at.get(a) as number) - (at.get(b) as number));
}

/**
 * Where each route sits in its table, built once per table: with a finding per route
 * (route-not-pinned on 200k routes), an indexOf per finding made analysis quadratic.
 */
const positions = new WeakMap<readonly Route[], Map<Route, number>>();

function positionsIn(routes: readonly Route[]): Map<Route, number> {
  let at = positions.get(routes);
  if (!at) {
    at = new Map();
    for (let i = 0; i < routes.length; i++) if (!at.has(routes[i] as Route)) at.set(routes[i] as Route, i);
    positions.set(routes, at);
  }
  return at;
}

export function pinPlan(ctx: FindingContext, target: PinTarget): RouteChange[] {
  let byCards = pins.get(ctx.routes);
  if (!byCards) {
    byCards = new WeakMap();
    pins.set(ctx.routes, byCards);
  }
  let memo = byCards.get(ctx.interfaces);
  if (!memo) {
    memo = new Map();
    byCards.set(ctx.interfaces, memo);
  }
  const key = `${ctx.os} ${JSON.stringify(target)}`;
  let plan = memo.get(key);
  if (!plan) {
    plan = planPin(routesWithin(ctx, target.prefix, target.table), target, ctx.interfaces, ctx.os);
    if (memo.size >= 256) memo.clear();
    memo.set(key, plan);
  }
  return plan.map((c) => ({ ...c }));
}
