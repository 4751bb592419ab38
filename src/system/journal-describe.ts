// A journaled change said for people, and the commands that revert it: what
// undo shows, the journal lists and the watchdog runs.
import type { RouteChange } from "../core/model.js";
import type { IntentRecord } from "./journal.js";

/** What an intent changed, for people: the route, or the extra's title. */
export function describeIntent(i: IntentRecord): string {
  if (i.change) return describeChange(i.change);
  return i.extra?.title ?? i.argv.join(" ");
}

/** Every command that reverts an intent, in the order they run. */
export function revertsOf(i: IntentRecord): string[][] {
  if (!i.extra) return [i.revertArgv];
  return i.extra.commands.map((c) => c.revert).reverse();
}

/** "route add 10.0.0.0/8 via 192.168.1.254 dev eth1", for people. */
export function describeChange(c: RouteChange): string {
  const parts = ["route", c.action === "add" ? "add" : "del", c.destination];
  if (c.gateway) parts.push("via", c.gateway);
  if (c.interface) parts.push("dev", c.interface);
  if (c.metric !== undefined) parts.push("metric", String(c.metric));
  if (c.table) parts.push("table", c.table);
  return parts.join(" ");
}
