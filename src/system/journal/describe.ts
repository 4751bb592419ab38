// A journaled change said for people: what undo shows and the journal lists.
// What reverts it is rebuilt from the typed records (revert-plan.ts), never read from here.
import type { RouteChange } from "../../core/model.js";
import type { IntentRecord } from "./journal.js";

/** What an intent changed, for people: the route, or the extra's title. */
export function describeIntent(i: IntentRecord): string {
  if (i.change) return describeChange(i.change);
  return i.extra?.title ?? i.argv.join(" ");
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
