// Fix plans for wrong-nic-route findings, cheap at a million routes: planPin
// scans the whole table, which must not happen on every poll.
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
    if (t) found.push(...(p.addr.family === 4 ? t.v4 : t.v6).within(p));
  }
  // An index updated in place may hold an equal older object: then the table itself will do.
  if (found.length <= 32) {
    const at = new Map(found.map((r) => [r, ctx.routes.indexOf(r)]));
    if (found.some((r) => (at.get(r) as number) < 0)) return ctx.routes;
    return found.sort((a, b) => (at.get(a) as number) - (at.get(b) as number));
  }
  const set = new Set(found);
  const inside = ctx.routes.filter((r) => set.has(r));
  return inside.length === set.size ? inside : ctx.routes;
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
